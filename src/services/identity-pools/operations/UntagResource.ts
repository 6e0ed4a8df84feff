import type { UntagResourceInput, UntagResourceResponse } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { poolOfArn, putTags } from "../pools";

export default operation<UntagResourceInput, UntagResourceResponse>((input, ctx) => {
  const pool = poolOfArn(ctx.services, input.ResourceArn!);
  const tags = { ...pool.IdentityPoolTags };
  for (const key of input.TagKeys!) delete tags[key];
  putTags(ctx.services, pool, tags);
  return {};
});
