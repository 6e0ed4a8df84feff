import type { DeleteUserPoolClientSecretRequest, DeleteUserPoolClientSecretResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { deleteClientSecret } from "../directory/client-secrets";
import { requireClient, requirePool } from "../directory/lookup";

export default operation<DeleteUserPoolClientSecretRequest, DeleteUserPoolClientSecretResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  deleteClientSecret(ctx.services, requireClient(ctx.services, input.UserPoolId!, input.ClientId!), input.ClientSecretId!);
  return {};
});
