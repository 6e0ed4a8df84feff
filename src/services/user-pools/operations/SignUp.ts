import type { SignUpRequest, SignUpResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidLambdaResponse, InvalidParameter, NotAuthorized, UsernameExists } from "../../../errors";
import { attributeMap, type PreSignUpResult, runPostConfirmation, runPreSignUp } from "../../../triggers";
import { operation } from "../../operation";
import { checkClientMayWrite, checkContactFormats, checkRequiredAttributes, markContactVerified } from "../directory/attribute-updates";
import { checkAttributeWrite } from "../directory/attributes";
import { checkSecretHash } from "../sign-in/client-checks";
import { issueCode } from "../directory/codes";
import { requireClientById } from "../directory/lookup";
import { sendCode, signUpDestination } from "../directory/messages";
import { checkPasswordPolicy } from "../sign-in/passwords";
import { logPasswordEvent, screenNewPassword } from "../sign-in/compromised-credentials";
import { userRequestContext } from "../sign-in/request-context";
import type { PoolRecord } from "../directory/records";
import { createUser } from "../directory/users";

export default operation<SignUpRequest, SignUpResponse>(async (input, ctx) => {
  const { services } = ctx;
  const { client, pool } = requireClientById(services, input.ClientId!);
  ctx.logFields.userPoolId = pool.Id;
  if (pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly) throw NotAuthorized("SignUp is not permitted for this user pool");
  checkSecretHash(client, input.Username!, input.SecretHash);

  const attributeNames = (input.UserAttributes ?? []).map((a) => a.Name!).filter(Boolean);
  checkClientMayWrite(pool, client, attributeNames);
  const attributes = checkAttributeWrite(pool, input.UserAttributes, true);
  checkContactFormats(attributes);
  const withUsername = withUsernameAttribute(pool, input.Username!, attributes);
  checkRequiredAttributes(pool, withUsername);
  const password = requirePassword(pool, input.Password);
  if (password !== undefined) checkPasswordPolicy(pool, password);
  const context = userRequestContext(client, ctx.sourceIp, ctx.headers, input.UserContextData);
  const compromised = password !== undefined && screenNewPassword(services, "SIGN_UP", { pool, clientId: client.ClientId, password, context });
  // Plain usernames collide with Cognito's sign-up wording; email/phone usernames are checked by createUser.
  if (!pool.UsernameAttributes?.length && services.tables.users.has(services.tables.userKey(pool.Id, input.Username!))) {
    throw UsernameExists("User already exists");
  }

  const clientContext = { clientId: client.ClientId, clientMetadata: input.ClientMetadata };
  // Before the user exists: a function that throws leaves no user behind.
  const verdict = await runPreSignUp(services, pool, {
    source: "SignUp",
    userName: input.Username!,
    userAttributes: withUsername,
    validationData: attributeMap(input.ValidationData),
    ...clientContext,
  });
  const autoVerified = autoVerifiedContacts(verdict, withUsername);
  let user = createUser(services, pool, {
    Username: input.Username!,
    Attributes: attributes,
    UserStatus: verdict.autoConfirmUser ? "CONFIRMED" : "UNCONFIRMED",
    Password: password,
  });
  logPasswordEvent(services, user, "SignUp", context, compromised);
  // An auto-verified alias moves to the new user, as a confirmed sign-up's would with ForceAliasCreation.
  for (const contact of autoVerified) user = markContactVerified(services, pool, user, contact, user.Attributes[contact], true);
  if (verdict.autoConfirmUser) {
    // An auto-confirmed user gets no code, and counts as confirmed by sign-up.
    await runPostConfirmation(services, pool, { source: "ConfirmSignUp", user, ...clientContext });
    return { UserConfirmed: true, UserSub: user.Sub };
  }
  const destination = signUpDestination(pool, user.Attributes);
  if (!destination) return { UserConfirmed: false, UserSub: user.Sub };
  const code = issueCode(services, user, "SignUp", { AttributeName: destination.attribute });
  const delivery = await sendCode(services, pool, user, destination, code.Code, "SignUp", clientContext);
  return { UserConfirmed: false, CodeDeliveryDetails: delivery, UserSub: user.Sub };
});

/** The contacts PreSignUp marks verified; it may only vouch for an email or phone number the user gives. */
function autoVerifiedContacts(verdict: PreSignUpResult, attributes: Record<string, string>): Array<"email" | "phone_number"> {
  const contacts: Array<"email" | "phone_number"> = [];
  for (const [contact, flag] of [
    ["email", verdict.autoVerifyEmail],
    ["phone_number", verdict.autoVerifyPhone],
  ] as const) {
    if (!flag) continue;
    if (!attributes[contact]) throw InvalidLambdaResponse(`PreSignUp set ${contact === "email" ? "autoVerifyEmail" : "autoVerifyPhone"} but the user has no ${contact}.`);
    contacts.push(contact);
  }
  return contacts;
}

/** In pools that sign in by email or phone number, the username is that attribute's value. */
function withUsernameAttribute(pool: PoolRecord, username: string, attributes: Record<string, string>): Record<string, string> {
  const signInBy = pool.UsernameAttributes ?? [];
  if (signInBy.includes("email") && username.includes("@")) return { email: username, ...attributes };
  if (signInBy.includes("phone_number") && username.startsWith("+")) return { phone_number: username, ...attributes };
  return attributes;
}

/** A password is optional only where users may sign in without one (passwordless first factors). */
function requirePassword(pool: PoolRecord, password: string | undefined): string | undefined {
  if (password !== undefined) return password;
  const factors = pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"];
  if (factors.some((factor) => factor !== "PASSWORD")) return undefined;
  throw InvalidParameter("1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null");
}
