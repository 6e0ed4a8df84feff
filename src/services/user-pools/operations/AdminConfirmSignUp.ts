import type { AdminConfirmSignUpRequest, AdminConfirmSignUpResponse } from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorized } from "../../../errors";
import { runPostConfirmation } from "../../../triggers";
import { operation } from "../../operation";
import { consumeCode } from "../directory/codes";
import { requirePool } from "../directory/lookup";
import { requireUser, saveUser } from "../directory/users";

export default operation<AdminConfirmSignUpRequest, AdminConfirmSignUpResponse>(async (input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  const user = requireUser(services, pool, input.Username!);
  if (user.UserStatus !== "UNCONFIRMED") throw NotAuthorized(`User cannot be confirmed. Current status is ${user.UserStatus}`);
  // An administrator vouches for the account, not for its email or phone number: nothing becomes verified.
  const confirmed = saveUser(services, user, { UserStatus: "CONFIRMED" });
  consumeCode(services, confirmed, "SignUp");
  await runPostConfirmation(services, pool, { source: "ConfirmSignUp", user: confirmed, clientMetadata: input.ClientMetadata });
  return {};
});
