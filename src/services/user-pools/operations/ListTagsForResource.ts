import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { ResourceNotFound } from "../../../errors";
import { operation } from "../../operation";
import type { Services } from "../../services";
import type { PoolRecord } from "../records";

/** The user pool an ARN names; Cognito tags nothing else. The id is the ARN's last segment, so this is a key lookup. */
export function requirePoolByArn(services: Services, arn: string): PoolRecord {
  const pool = services.tables.pools.get(arn.slice(arn.lastIndexOf("/") + 1));
  if (!pool || pool.Arn !== arn) throw ResourceNotFound(`Resource ${arn} does not exist.`);
  return pool;
}

export default operation<ListTagsForResourceRequest, ListTagsForResourceResponse>((input, ctx) => {
  const pool = requirePoolByArn(ctx.services, input.ResourceArn!);
  ctx.logFields.userPoolId = pool.Id;
  return { Tags: { ...(pool.UserPoolTags ?? {}) } };
});
