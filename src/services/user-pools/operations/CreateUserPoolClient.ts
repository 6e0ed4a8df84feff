import type { CreateUserPoolClientRequest, CreateUserPoolClientResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { createClient, describeClient } from "../directory/clients";
import { requirePool } from "../directory/lookup";

export default operation<CreateUserPoolClientRequest, CreateUserPoolClientResponse>((input, ctx) => {
  const client = createClient(ctx.services, requirePool(ctx.services, input.UserPoolId!), input);
  return { UserPoolClient: describeClient(client) };
});
