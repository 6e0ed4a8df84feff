import type { BulkPublishRequest, BulkPublishResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireDeveloperAccess } from "../access";
import { startBulkPublish } from "../bulk-publish";

/** Nothing reaches a stream: the request only runs through the statuses GetBulkPublishDetails reports. */
export default operation<BulkPublishRequest, BulkPublishResponse>((input, ctx) => {
  const pool = requireDeveloperAccess(ctx, input.IdentityPoolId!);
  startBulkPublish(ctx.services, pool.IdentityPoolId);
  return { IdentityPoolId: pool.IdentityPoolId };
});
