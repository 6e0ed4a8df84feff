import type { AdminDeleteUserAttributesRequest, AdminDeleteUserAttributesResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { deleteAttributes } from "../directory/attribute-updates";
import { requirePool } from "../directory/lookup";
import { requireUser } from "../directory/users";

export default operation<AdminDeleteUserAttributesRequest, AdminDeleteUserAttributesResponse>((input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  const user = requireUser(services, pool, input.Username!);
  deleteAttributes(services, pool, user, input.UserAttributeNames ?? [], { admin: true });
  return {};
});
