import type { CompromisedCredentialsEventActionType, EventFilterType, EventType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidPassword, NotAuthorized } from "../../../errors";
import type { Services } from "../../services";
import type { PoolRecord, UserRecord } from "../directory/records";
import { saveUser } from "../directory/users";
import { BLOCKED_SIGN_IN } from "./adaptive-authentication";
import { recordAuthEvent } from "./auth-events";
import { isCompromisedPassword } from "./compromised-passwords";
import { protectionMode } from "./protection-mode";
import { inRanges, type RequestContext } from "./request-context";
import { effectiveRiskConfiguration } from "./risk";

/**
 * Compromised-credentials detection: the passwords users send are checked (compromised-passwords.ts says
 * against what) at the events the configuration's EventFilter names — sign-in with a password sent in
 * clear (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH's PASSWORD, the hosted UI; never SRP,
 * which sends no password), sign-up, and password change (ChangePassword, ConfirmForgotPassword, the
 * new-password challenge). Passwords an administrator sets are not a user's event and are not checked.
 * In full-function mode a BLOCK action refuses the password; otherwise the detection is only logged.
 */

/**
 * Cognito's answer to a compromised password at sign-up and password change (InvalidPasswordException;
 * Badsworth/pfml_scripts portal/src/hooks/useAuthLogic.js: "When password is a commonly used or
 * compromised credential").
 */
export const COMPROMISED_PASSWORD = "Provided password cannot be used for security reasons.";

export interface PasswordScreening {
  pool: PoolRecord;
  clientId?: string;
  password: string;
  context?: RequestContext;
}

interface Verdict {
  detected: boolean;
  blocked: boolean;
}

function screen(services: Services, event: EventFilterType, { pool, clientId, password, context }: PasswordScreening): Verdict {
  const mode = protectionMode(pool);
  if (mode === "OFF") return { detected: false, blocked: false };
  const configuration = effectiveRiskConfiguration(services, pool.Id, clientId);
  if (inRanges(context?.ipAddress, configuration?.RiskExceptionConfiguration?.SkippedIPRangeList)) return { detected: false, blocked: false };
  const settings = configuration?.CompromisedCredentialsRiskConfiguration;
  // "Defaults to all events" (model: CompromisedCredentialsRiskConfigurationType.EventFilter).
  if (settings?.EventFilter && !settings.EventFilter.includes(event)) return { detected: false, blocked: false };
  const detected = isCompromisedPassword(services, pool.Id, password);
  const action: CompromisedCredentialsEventActionType | undefined = settings?.Actions?.EventAction;
  return { detected, blocked: detected && mode === "ENFORCED" && action === "BLOCK" };
}

/**
 * A password a user chooses (SignUp, or a change for `user`): refused with InvalidPasswordException when
 * blocked. Returns whether it was found compromised, for the event the caller logs on success.
 */
export function screenNewPassword(services: Services, event: "SIGN_UP" | "PASSWORD_CHANGE", screening: PasswordScreening & { user?: UserRecord; eventType?: EventType }): boolean {
  const verdict = screen(services, event, screening);
  if (verdict.blocked) {
    if (screening.user) logPasswordEvent(services, screening.user, screening.eventType ?? "PasswordChange", screening.context, true, "Fail");
    throw InvalidPassword(COMPROMISED_PASSWORD);
  }
  return verdict.detected;
}

/**
 * A sign-in whose password was just verified. Blocked, the user must reset their password: Cognito sets
 * them RESET_REQUIRED (developer guide, Working with compromised-credentials detection) and refuses the
 * sign-in. Returns whether the password was found compromised, for the sign-in's event.
 */
export function screenSignInPassword(services: Services, user: UserRecord, screening: PasswordScreening): boolean {
  if (user.UserStatus !== "CONFIRMED") return false;
  const verdict = screen(services, "SIGN_IN", screening);
  if (!verdict.blocked) return verdict.detected;
  services.store.keepOnFailure(() => saveUser(services, user, { UserStatus: "RESET_REQUIRED" }));
  const { context } = screening;
  recordAuthEvent(services, user, {
    response: "Fail",
    challenges: [{ ChallengeName: "Password", ChallengeResponse: "Success" }],
    context: context?.event,
    risk: { RiskDecision: "Block", CompromisedCredentialsDetected: true },
    source: { ip: context?.ipAddress, device: context?.device },
  });
  throw NotAuthorized(BLOCKED_SIGN_IN);
}

/** Logs a sign-up or password change, when the pool logs user activity. */
export function logPasswordEvent(services: Services, user: UserRecord, type: EventType, context: RequestContext | undefined, compromised: boolean, response: "Pass" | "Fail" = "Pass"): void {
  recordAuthEvent(services, user, {
    type,
    response,
    context: context?.event,
    risk: { RiskDecision: response === "Fail" ? "Block" : "NoRisk", CompromisedCredentialsDetected: compromised },
    source: { ip: context?.ipAddress, device: context?.device },
  });
}
