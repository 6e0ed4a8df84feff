import type { TagResourceInput, TagResourceResponse } from "@aws-sdk/client-cognito-identity";
import { InvalidParameter } from "../../../errors";
import { operation } from "../../operation";
import { poolOfArn, putTags } from "../pools";

const MAX_TAGS = 50;

export default operation<TagResourceInput, TagResourceResponse>((input, ctx) => {
  const pool = poolOfArn(ctx.services, input.ResourceArn!);
  const tags = { ...pool.IdentityPoolTags, ...input.Tags };
  if (Object.keys(tags).length > MAX_TAGS) throw InvalidParameter(`An identity pool can have as many as ${MAX_TAGS} tags.`);
  putTags(ctx.services, pool, tags);
  return {};
});
