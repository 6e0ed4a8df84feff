import type { ListUserPoolClientsRequest, ListUserPoolClientsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { clientKey, clientsOfPool, summarizeClient } from "../directory/clients";
import { requirePool } from "../directory/lookup";
import { pageOf } from "../directory/pools";

const DEFAULT_MAX_RESULTS = 60;

export default operation<ListUserPoolClientsRequest, ListUserPoolClientsResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  const clients = clientsOfPool(ctx.services, input.UserPoolId!);
  const page = pageOf(clients, clientKey, input.MaxResults ?? DEFAULT_MAX_RESULTS, input.NextToken);
  return { UserPoolClients: page.items.map(summarizeClient), NextToken: page.nextToken };
});
