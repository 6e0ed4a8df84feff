import type { ListUserPoolClientSecretsRequest, ListUserPoolClientSecretsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { describeClientSecret, secretEntries } from "../directory/client-secrets";
import { requireClient, requirePool } from "../directory/lookup";

/** Two secrets at most, so one page: Cognito never answers a NextToken here. */
export default operation<ListUserPoolClientSecretsRequest, ListUserPoolClientSecretsResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  const client = requireClient(ctx.services, input.UserPoolId!, input.ClientId!);
  return { ClientSecrets: secretEntries(client).map((entry) => describeClientSecret(entry)) };
});
