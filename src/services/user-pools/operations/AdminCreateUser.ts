import type { AdminCreateUserRequest, AdminCreateUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, UnsupportedOperation } from "../../../errors";
import { operation } from "../../operation";
import { checkAttributeWrite } from "../attributes";
import { requirePool } from "../lookup";
import { sendInvitation } from "../messages";
import { checkPasswordPolicy, generateTemporaryPassword, hashPassword, passwordPolicy } from "../passwords";
import { createUser, requireUser, saveUser, toUserType } from "../users";

const DAY_MS = 86_400_000;

export default operation<AdminCreateUserRequest, AdminCreateUserResponse>((input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = input.Username;

  const temporaryPassword = input.TemporaryPassword ?? generateTemporaryPassword(pool);
  if (input.TemporaryPassword) checkPasswordPolicy(pool, input.TemporaryPassword);
  const expiresAt = services.clock.now() + (passwordPolicy(pool).TemporaryPasswordValidityDays ?? 7) * DAY_MS;

  if (input.MessageAction === "RESEND") {
    const existing = requireUser(services, pool, input.Username!);
    if (existing.UserStatus !== "FORCE_CHANGE_PASSWORD") {
      throw UnsupportedOperation(`Resend not possible. ${existing.Username} status is not FORCE_CHANGE_PASSWORD`);
    }
    const user = saveUser(services, existing, { PasswordHash: hashPassword(temporaryPassword), TemporaryPasswordExpiresAt: expiresAt });
    sendInvitation(services, pool, user, temporaryPassword, input.DesiredDeliveryMediums);
    return { User: toUserType(user) };
  }

  const attributes = checkAttributeWrite(pool, input.UserAttributes, true);
  if (input.DesiredDeliveryMediums?.includes("EMAIL") && input.MessageAction !== "SUPPRESS" && !attributes.email && !pool.UsernameAttributes?.includes("email")) {
    throw InvalidParameter("User has no attribute matching desired delivery mediums");
  }
  const user = createUser(services, pool, {
    Username: input.Username!,
    Attributes: attributes,
    UserStatus: "FORCE_CHANGE_PASSWORD",
    PasswordHash: hashPassword(temporaryPassword),
    TemporaryPasswordExpiresAt: expiresAt,
  });
  if (input.MessageAction !== "SUPPRESS") sendInvitation(services, pool, user, temporaryPassword, input.DesiredDeliveryMediums);
  return { User: toUserType(user) };
});
