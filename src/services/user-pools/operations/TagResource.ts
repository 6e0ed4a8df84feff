import type { TagResourceRequest, TagResourceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter } from "../../../errors";
import { operation } from "../../operation";
import { requirePoolByArn } from "../directory/lookup";

/** A user pool carries at most this many tags. */
const MAX_TAGS = 50;

export default operation<TagResourceRequest, TagResourceResponse>((input, ctx) => {
  const { tables } = ctx.services;
  const pool = requirePoolByArn(ctx.services, input.ResourceArn!);
  ctx.logFields.userPoolId = pool.Id;
  const tags = { ...(pool.UserPoolTags ?? {}), ...input.Tags };
  if (Object.keys(tags).length > MAX_TAGS) throw InvalidParameter(`A user pool can have at most ${MAX_TAGS} tags.`);
  tables.pools.put(pool.Id, { ...pool, UserPoolTags: tags });
  return {};
});
