import type { GetBulkPublishDetailsRequest, GetBulkPublishDetailsResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireDeveloperAccess } from "../access";
import { bulkPublishDetails } from "../bulk-publish";

export default operation<GetBulkPublishDetailsRequest, GetBulkPublishDetailsResponse>((input, ctx) =>
  bulkPublishDetails(ctx.services, requireDeveloperAccess(ctx, input.IdentityPoolId!).IdentityPoolId),
);
