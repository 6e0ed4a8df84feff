import type { ListResourceServersRequest, ListResourceServersResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { describeResourceServer, listResourceServers } from "../directory/resource-servers";

const DEFAULT_MAX_RESULTS = 50;

export default operation<ListResourceServersRequest, ListResourceServersResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  const page = listResourceServers(ctx.services, input.UserPoolId!, input.MaxResults ?? DEFAULT_MAX_RESULTS, input.NextToken);
  return { ResourceServers: page.items.map(describeResourceServer), NextToken: page.nextToken };
});
