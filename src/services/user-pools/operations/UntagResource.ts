import type { UntagResourceRequest, UntagResourceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePoolByArn } from "../directory/lookup";

/** Keys the pool does not carry are ignored. */
export default operation<UntagResourceRequest, UntagResourceResponse>((input, ctx) => {
  const pool = requirePoolByArn(ctx.services, input.ResourceArn!);
  ctx.logFields.userPoolId = pool.Id;
  const tags = { ...(pool.UserPoolTags ?? {}) };
  for (const key of input.TagKeys ?? []) delete tags[key];
  ctx.services.tables.pools.put(pool.Id, { ...pool, UserPoolTags: tags });
  return {};
});
