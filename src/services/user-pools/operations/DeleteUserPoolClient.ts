import type { DeleteUserPoolClientRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { deleteClient } from "../directory/clients";
import { requireClient, requirePool } from "../directory/lookup";

export default operation<DeleteUserPoolClientRequest, Record<string, never>>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  deleteClient(ctx.services, requireClient(ctx.services, input.UserPoolId!, input.ClientId!));
  return {};
});
