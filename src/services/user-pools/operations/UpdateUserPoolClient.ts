import type { UpdateUserPoolClientRequest, UpdateUserPoolClientResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { describeClient, updateClient } from "../directory/clients";
import { requireClient, requirePool } from "../directory/lookup";

export default operation<UpdateUserPoolClientRequest, UpdateUserPoolClientResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const client = requireClient(ctx.services, pool.Id, input.ClientId!);
  return { UserPoolClient: describeClient(updateClient(ctx.services, pool, client, input)) };
});
