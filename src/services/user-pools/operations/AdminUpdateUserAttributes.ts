import type { AdminUpdateUserAttributesRequest, AdminUpdateUserAttributesResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { updateAttributes } from "../directory/attribute-updates";
import { requirePool } from "../directory/lookup";
import { requireUser } from "../directory/users";

export default operation<AdminUpdateUserAttributesRequest, AdminUpdateUserAttributesResponse>(async (input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  const user = requireUser(services, pool, input.Username!);
  await updateAttributes(services, pool, user, input.UserAttributes ?? [], { admin: true }, { clientMetadata: input.ClientMetadata });
  return {};
});
