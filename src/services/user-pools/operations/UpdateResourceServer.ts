import type { UpdateResourceServerRequest, UpdateResourceServerResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { describeResourceServer, requireResourceServer, updateResourceServer } from "../directory/resource-servers";

export default operation<UpdateResourceServerRequest, UpdateResourceServerResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  const server = requireResourceServer(ctx.services, input.UserPoolId!, input.Identifier!);
  return { ResourceServer: describeResourceServer(updateResourceServer(ctx.services, server, { Name: input.Name!, Scopes: input.Scopes })) };
});
