import type { CreateResourceServerRequest, CreateResourceServerResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { createResourceServer, describeResourceServer } from "../directory/resource-servers";

export default operation<CreateResourceServerRequest, CreateResourceServerResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const server = createResourceServer(ctx.services, pool, { Identifier: input.Identifier!, Name: input.Name!, Scopes: input.Scopes });
  return { ResourceServer: describeResourceServer(server) };
});
