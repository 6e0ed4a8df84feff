import type { AdminGetUserRequest, AdminGetUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { mfaSettingsView } from "../sign-in/mfa";
import { attributeList } from "../directory/attributes";
import { requirePool } from "../directory/lookup";
import { requireUser } from "../directory/users";

export default operation<AdminGetUserRequest, AdminGetUserResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const user = requireUser(ctx.services, pool, input.Username!);
  return {
    Username: user.Username,
    UserAttributes: attributeList(user),
    UserCreateDate: new Date(user.UserCreateDate),
    UserLastModifiedDate: new Date(user.UserLastModifiedDate),
    Enabled: user.Enabled,
    UserStatus: user.UserStatus,
    ...mfaSettingsView(user),
  };
});
