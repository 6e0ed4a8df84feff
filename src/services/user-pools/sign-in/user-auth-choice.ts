import type { AuthFactorType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, NotAuthorized } from "../../../errors";
import type { Services } from "../../services";
import { assertNotLockedOut, clearFailedSignIns, recordFailedSignIn } from "./lockout";
import { openCodeChallenge } from "./otp";
import { checkPassword, hasPassword, hasSrpCredentials, srpSecrets } from "./passwords";
import { isTrue } from "../directory/attributes";
import type { PoolRecord, UserRecord } from "../directory/records";
import { afterFirstFactor } from "./pipeline";
import type { NextChallenge, SignInResult } from "./result";
import { challenge, failureOf, type SignInState } from "./state";
import { screenSignInPassword } from "./compromised-credentials";
import { parseSrpA, startExchange } from "./srp";
import { passkeysEnabled, usablePasskeys, webAuthnChallenge } from "./webauthn";

/**
 * Choice-based sign-in (USER_AUTH): which first factors a user may choose, and the start of each.
 * Passwordless factors skip MFA (see mfa.ts), so pools that require MFA do not offer them, except
 * passkeys when the pool counts a user-verified passkey as MFA.
 */

/** The first factors of USER_AUTH, in the order AvailableChallenges lists them. */
export const FIRST_FACTORS = ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"] as const;
export type FirstFactor = (typeof FIRST_FACTORS)[number];

export const isFirstFactor = (name: string): name is FirstFactor => (FIRST_FACTORS as readonly string[]).includes(name);

/** The SignInPolicy factor that allows each challenge: one password allows both ways of proving it. */
const POLICY_FACTOR: Record<FirstFactor, AuthFactorType> = {
  PASSWORD: "PASSWORD",
  PASSWORD_SRP: "PASSWORD",
  EMAIL_OTP: "EMAIL_OTP",
  SMS_OTP: "SMS_OTP",
  WEB_AUTHN: "WEB_AUTHN",
};

/** What a choice-based step may carry: the password or SRP_A given up front, and the device the client names. */
export interface FactorInput {
  PASSWORD?: string;
  SRP_A?: string;
  DEVICE_KEY?: string;
}

/** The pool's SignInPolicy; pools that never set one sign in with passwords only. */
export function allowedFirstAuthFactors(pool: PoolRecord): string[] {
  return pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"];
}

/** The challenges this user can answer in this pool, in Cognito's order. */
export function availableChallenges(services: Services, pool: PoolRecord, user: UserRecord): FirstFactor[] {
  const allowed = allowedFirstAuthFactors(pool);
  return FIRST_FACTORS.filter((factor) => allowed.includes(POLICY_FACTOR[factor]) && userCanUse(services, pool, user, factor));
}

/** GetUserAuthFactors' ConfiguredUserAuthFactors: the policy factors behind the available challenges. */
export function configuredUserAuthFactors(services: Services, pool: PoolRecord, user: UserRecord): AuthFactorType[] {
  return [...new Set(availableChallenges(services, pool, user).map((factor) => POLICY_FACTOR[factor]))];
}

function userCanUse(services: Services, pool: PoolRecord, user: UserRecord, factor: FirstFactor): boolean {
  switch (factor) {
    case "PASSWORD":
      return hasPassword(user);
    case "PASSWORD_SRP":
      return hasSrpCredentials(user);
    case "EMAIL_OTP":
      return oneTimePasswordsAllowed(pool) && Boolean(user.Attributes.email) && isTrue(user.Attributes.email_verified);
    case "SMS_OTP":
      return oneTimePasswordsAllowed(pool) && Boolean(user.Attributes.phone_number) && isTrue(user.Attributes.phone_number_verified);
    case "WEB_AUTHN":
      return passkeysAllowed(pool) && usablePasskeys(services, pool, user).length > 0;
  }
}

/** One-time-password sign-in is an Essentials feature, and no second factor could follow it. */
function oneTimePasswordsAllowed(pool: PoolRecord): boolean {
  return (pool.UserPoolTier ?? "ESSENTIALS") !== "LITE" && pool.MfaConfiguration !== "ON";
}

function passkeysAllowed(pool: PoolRecord): boolean {
  const countsAsMfa = pool.WebAuthnConfiguration?.FactorConfiguration === "MULTI_FACTOR_WITH_USER_VERIFICATION";
  return passkeysEnabled(pool) && (pool.MfaConfiguration !== "ON" || countsAsMfa);
}

/** PREFERRED_CHALLENGE, when given: one of the first factors. */
export function preferredChallenge(value: string | undefined): FirstFactor | undefined {
  if (!value) return undefined;
  if (!isFirstFactor(value)) throw InvalidParameter(`Invalid PREFERRED_CHALLENGE ${value}: expected one of ${FIRST_FACTORS.join(", ")}`);
  return value;
}

/**
 * The first step of USER_AUTH: straight into the preferred factor when the user can use it, otherwise
 * SELECT_CHALLENGE listing what the user can choose.
 */
export async function chooseFirstFactor(services: Services, state: SignInState, preferred: FirstFactor | undefined, input: FactorInput): Promise<SignInResult> {
  const available = availableChallenges(services, state.pool, state.user);
  if (preferred && available.includes(preferred)) return startFirstFactor(services, state, preferred, input);
  if (available.length === 0) throw NotAuthorized("The user has no sign-in method that this user pool allows.");
  // AvailableChallenges travels beside the challenge, as InitiateAuth's response carries it.
  return { ...challenge(services, state, "SELECT_CHALLENGE", {}, { availableChallenges: available }), AvailableChallenges: [...available] };
}

/** The challenges SELECT_CHALLENGE offered, from its session. */
export function offeredChallenges(data: Record<string, unknown> | undefined): FirstFactor[] {
  const offered = data?.availableChallenges;
  return Array.isArray(offered) ? offered.filter((name): name is FirstFactor => typeof name === "string" && isFirstFactor(name)) : [];
}

/**
 * Starts one factor. A password (or SRP_A) given with the choice is checked at once; without it the
 * factor's own challenge (PASSWORD, PASSWORD_SRP) asks for it. Codes are sent now.
 */
export async function startFirstFactor(services: Services, state: SignInState, factor: FirstFactor, input: FactorInput): Promise<SignInResult> {
  switch (factor) {
    case "PASSWORD":
      return input.PASSWORD ? passwordFactor(services, state, input.PASSWORD) : challenge(services, state, "PASSWORD", {});
    case "PASSWORD_SRP":
      return input.SRP_A ? srpFactor(services, state, input.SRP_A, input.DEVICE_KEY) : challenge(services, state, "PASSWORD_SRP", {});
    case "EMAIL_OTP":
    case "SMS_OTP":
      return openCodeChallenge(services, state, factor, "first-factor");
    case "WEB_AUTHN":
      return webAuthnChallenge(services, state);
  }
}

/** The password itself; wrong ones count toward the lockout as in every password sign-in. */
export async function passwordFactor(services: Services, state: SignInState, password: string): Promise<SignInResult> {
  const { user } = state;
  assertNotLockedOut(services, user);
  if (!checkPassword(services, user, password)) {
    recordFailedSignIn(services, user, failureOf(state));
    throw NotAuthorized("Incorrect username or password.");
  }
  clearFailedSignIns(services, user);
  const compromised = screenSignInPassword(services, user, { pool: state.pool, clientId: state.client.ClientId, password, context: state.context });
  return afterFirstFactor(services, { ...state, method: "PASSWORD", compromised });
}

/** SRP's first half, as USER_SRP_AUTH answers it; PASSWORD_VERIFIER completes it. */
export function srpFactor(services: Services, state: SignInState, srpA: string, deviceKey: string | undefined): NextChallenge {
  const A = parseSrpA(srpA);
  const { user } = state;
  assertNotLockedOut(services, user);
  const secrets = srpSecrets(services, user);
  if (!secrets) throw NotAuthorized("Incorrect username or password.");
  const exchange = startExchange(A, secrets.verifier);
  return challenge(
    services,
    { ...state, method: "PASSWORD_SRP" },
    "PASSWORD_VERIFIER",
    { SALT: secrets.salt, SECRET_BLOCK: exchange.secretBlock, SRP_B: exchange.B, USERNAME: user.Username, USER_ID_FOR_SRP: user.Username },
    { srp: exchange, claimedDeviceKey: deviceKey || state.deviceKey },
  );
}
