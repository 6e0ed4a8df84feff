import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePoolByArn } from "../directory/lookup";


export default operation<ListTagsForResourceRequest, ListTagsForResourceResponse>((input, ctx) => {
  const pool = requirePoolByArn(ctx.services, input.ResourceArn!);
  ctx.logFields.userPoolId = pool.Id;
  return { Tags: { ...(pool.UserPoolTags ?? {}) } };
});
