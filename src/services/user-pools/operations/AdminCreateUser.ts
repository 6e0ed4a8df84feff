import type { AdminCreateUserRequest, AdminCreateUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, UnsupportedOperation } from "../../../errors";
import { attributeMap, runPreSignUp } from "../../../triggers";
import { operation } from "../../operation";
import { checkAttributeWrite } from "../directory/attributes";
import { requirePool } from "../directory/lookup";
import { sendInvitation } from "../directory/messages";
import { checkPasswordPolicy, generateTemporaryPassword, passwordCredentials, passwordPolicy } from "../sign-in/passwords";
import { createUser, requireUser, saveUser, toUserType } from "../directory/users";

const DAY_MS = 86_400_000;

export default operation<AdminCreateUserRequest, AdminCreateUserResponse>(async (input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);

  const temporaryPassword = input.TemporaryPassword ?? generateTemporaryPassword(pool);
  if (input.TemporaryPassword) checkPasswordPolicy(pool, input.TemporaryPassword);
  const expiresAt = services.clock.now() + (passwordPolicy(pool).TemporaryPasswordValidityDays ?? 7) * DAY_MS;

  if (input.MessageAction === "RESEND") {
    const existing = requireUser(services, pool, input.Username!);
    if (existing.UserStatus !== "FORCE_CHANGE_PASSWORD") {
      throw UnsupportedOperation(`Resend not possible. ${existing.Username} status is not FORCE_CHANGE_PASSWORD`);
    }
    const user = saveUser(services, existing, { ...passwordCredentials(pool, existing.Username, temporaryPassword), TemporaryPasswordExpiresAt: expiresAt });
    await sendInvitation(services, pool, user, temporaryPassword, input.DesiredDeliveryMediums, input.ClientMetadata);
    return { User: toUserType(user) };
  }

  const attributes = checkAttributeWrite(pool, input.UserAttributes, true);
  if (input.DesiredDeliveryMediums?.includes("EMAIL") && input.MessageAction !== "SUPPRESS" && !attributes.email && !pool.UsernameAttributes?.includes("email")) {
    throw InvalidParameter("User has no attribute matching desired delivery mediums");
  }
  // Before the user exists: a function that throws leaves no user behind.
  await runPreSignUp(services, pool, {
    source: "AdminCreateUser",
    userName: input.Username!,
    userAttributes: attributes,
    validationData: attributeMap(input.ValidationData),
    clientMetadata: input.ClientMetadata,
  });
  const user = createUser(services, pool, {
    Username: input.Username!,
    Attributes: attributes,
    UserStatus: "FORCE_CHANGE_PASSWORD",
    Password: temporaryPassword,
    TemporaryPasswordExpiresAt: expiresAt,
  });
  if (input.MessageAction !== "SUPPRESS") await sendInvitation(services, pool, user, temporaryPassword, input.DesiredDeliveryMediums, input.ClientMetadata);
  return { User: toUserType(user) };
});
