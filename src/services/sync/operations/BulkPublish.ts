import type { BulkPublishRequest, BulkPublishResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireDeveloperAccess } from "../access";
import { startBulkPublish } from "../bulk-publish";

/** Publishes every existing dataset of the pool to its stream in the background; GetBulkPublishDetails follows it. */
export default operation<BulkPublishRequest, BulkPublishResponse>((input, ctx) => {
  const pool = requireDeveloperAccess(ctx, input.IdentityPoolId!);
  startBulkPublish(ctx.services, pool.IdentityPoolId);
  return { IdentityPoolId: pool.IdentityPoolId };
});
