import { InvalidParameter } from "../../../../errors";
import { InvalidSessionError } from "../sessions";
import { checkAttributeWrite } from "../../directory/attributes";
import { challengeHandler } from "../challenge-handlers";
import { checkPasswordPolicy, passwordCredentials } from "../passwords";
import { afterFirstFactor } from "../pipeline";
import { logPasswordEvent, screenNewPassword } from "../compromised-credentials";
import { checkAliasesFree, saveUser } from "../../directory/users";

/** A permanent password, and the required attributes the user still lacks; MFA may follow. */
export default challengeHandler(async (services, { state, responses }) => {
  const { pool, user } = state;
  const newPassword = responses.NEW_PASSWORD;
  if (!newPassword) throw InvalidParameter("Missing required parameter NEW_PASSWORD");
  if (user.UserStatus !== "FORCE_CHANGE_PASSWORD") throw new InvalidSessionError();
  checkPasswordPolicy(pool, newPassword);
  const screening = { pool, clientId: state.client.ClientId, user, password: newPassword, context: state.context, eventType: "PasswordChange" as const };
  const compromised = screenNewPassword(services, "PASSWORD_CHANGE", screening);

  const given = Object.entries(responses)
    .filter(([name]) => name.startsWith("userAttributes."))
    .map(([name, Value]) => ({ Name: name.slice("userAttributes.".length), Value }));
  const attributes = { ...user.Attributes, ...checkAttributeWrite(pool, given, false) };
  for (const required of (pool.SchemaAttributes ?? []).filter((a) => a.Required && a.Name !== "sub")) {
    if (!attributes[required.Name!]) throw InvalidParameter(`Invalid attributes given, ${required.Name} is missing`);
  }
  checkAliasesFree(services, pool, attributes, user);
  const confirmed = saveUser(services, user, {
    Attributes: attributes,
    ...passwordCredentials(pool, user.Username, newPassword),
    UserStatus: "CONFIRMED",
    TemporaryPasswordExpiresAt: undefined,
  });
  logPasswordEvent(services, confirmed, "PasswordChange", state.context, compromised);
  return afterFirstFactor(services, { ...state, user: confirmed, tokenSource: "NewPasswordChallenge" });
});
