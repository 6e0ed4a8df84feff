import type { ListTagsForResourceInput, ListTagsForResourceResponse } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { poolOfArn } from "../pools";

export default operation<ListTagsForResourceInput, ListTagsForResourceResponse>((input, ctx) => ({
  Tags: { ...poolOfArn(ctx.services, input.ResourceArn!).IdentityPoolTags },
}));
