import type { DeleteResourceServerRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { deleteResourceServer, requireResourceServer } from "../directory/resource-servers";

export default operation<DeleteResourceServerRequest, Record<string, never>>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  deleteResourceServer(ctx.services, requireResourceServer(ctx.services, input.UserPoolId!, input.Identifier!));
  return {};
});
