import type { AdminSetUserPasswordRequest, AdminSetUserPasswordResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { checkPasswordPolicy, passwordCredentials, passwordPolicy } from "../sign-in/passwords";
import { requireUser, saveUser } from "../directory/users";

export default operation<AdminSetUserPasswordRequest, AdminSetUserPasswordResponse>((input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  const user = requireUser(services, pool, input.Username!);
  checkPasswordPolicy(pool, input.Password!);
  if (input.Permanent) {
    // A permanent password confirms a user who was waiting on a temporary password or a reset.
    const confirmed = user.UserStatus === "FORCE_CHANGE_PASSWORD" || user.UserStatus === "RESET_REQUIRED" ? "CONFIRMED" : user.UserStatus;
    saveUser(services, user, { ...passwordCredentials(pool, user.Username, input.Password!), UserStatus: confirmed, TemporaryPasswordExpiresAt: undefined });
  } else {
    const days = passwordPolicy(pool).TemporaryPasswordValidityDays ?? 7;
    saveUser(services, user, {
      ...passwordCredentials(pool, user.Username, input.Password!),
      UserStatus: "FORCE_CHANGE_PASSWORD",
      TemporaryPasswordExpiresAt: services.clock.now() + days * 86_400_000,
    });
  }
  return {};
});
