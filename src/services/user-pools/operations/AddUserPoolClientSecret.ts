import type { AddUserPoolClientSecretRequest, AddUserPoolClientSecretResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { addClientSecret, describeClientSecret } from "../directory/client-secrets";
import { requireClient, requirePool } from "../directory/lookup";

export default operation<AddUserPoolClientSecretRequest, AddUserPoolClientSecretResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  const client = requireClient(ctx.services, input.UserPoolId!, input.ClientId!);
  const { added } = addClientSecret(ctx.services, client, input.ClientSecret);
  // A secret the caller chose is never echoed back.
  return { ClientSecretDescriptor: describeClientSecret(added, input.ClientSecret === undefined) };
});
