import type {
  EmailMfaSettingsType,
  GetUserPoolMfaConfigResponse,
  MFAOptionType,
  SMSMfaSettingsType,
  SoftwareTokenMfaSettingsType,
} from "@aws-sdk/client-cognito-identity-provider";
import { FeatureUnavailableInTier, InvalidParameter } from "../../../errors";
import type { Services } from "../../services";
import { isRememberedDevice } from "./devices";
import { openCodeChallenge } from "./otp";
import { withoutUndefined } from "../directory/pools";
import type { MfaFactor, PoolRecord, UserRecord } from "../directory/records";
import { type AuthSession, InvalidSessionError, takeSession } from "./sessions";
import type { NextChallenge } from "./result";
import { challenge, type SignInState, stateFromSession } from "./state";
import { friendlyDeviceName, pendingSecret } from "./totp";
import { requireUser, saveUser } from "../directory/users";

/** The factors in the order Cognito lists them (ChallengeNameType's order). */
export const MFA_FACTORS: readonly MfaFactor[] = ["SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA"];

/** What a pool with MFA on or optional offers until SetUserPoolMfaConfig chooses (see poolMfaFactors). */
const DEFAULT_FACTORS: readonly MfaFactor[] = ["SMS_MFA", "SOFTWARE_TOKEN_MFA"];

/** Passwordless first factors already prove possession, so no second factor follows them. */
const PASSWORDLESS: ReadonlySet<SignInState["method"]> = new Set(["EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]);


export const isMfaFactor = (name: string): name is MfaFactor => (MFA_FACTORS as readonly string[]).includes(name);

/**
 * The factors a pool offers. A pool with MFA on or optional that SetUserPoolMfaConfig never
 * configured (created with MfaConfiguration alone, as fixtures are) offers SMS and authenticator
 * apps, so that MFA works without an SNS role to send through.
 */
export function poolMfaFactors(pool: PoolRecord): MfaFactor[] {
  if ((pool.MfaConfiguration ?? "OFF") === "OFF") return [];
  return MFA_FACTORS.filter((factor) => (pool.MfaFactors ?? DEFAULT_FACTORS).includes(factor));
}

/** GetUserPoolMfaConfig's view of a pool (SetUserPoolMfaConfig answers the same). */
export function describeMfaConfig(pool: PoolRecord): GetUserPoolMfaConfigResponse {
  const factors = poolMfaFactors(pool);
  return withoutUndefined({
    SmsMfaConfiguration: factors.includes("SMS_MFA")
      ? withoutUndefined({ SmsAuthenticationMessage: pool.SmsAuthenticationMessage, SmsConfiguration: pool.SmsConfiguration })
      : undefined,
    SoftwareTokenMfaConfiguration: { Enabled: factors.includes("SOFTWARE_TOKEN_MFA") },
    EmailMfaConfiguration: factors.includes("EMAIL_OTP") ? (pool.EmailMfaConfiguration ?? {}) : undefined,
    MfaConfiguration: pool.MfaConfiguration ?? "OFF",
    WebAuthnConfiguration: pool.WebAuthnConfiguration,
  });
}

/**
 * The MFA step of a sign-in. OPTIONAL pools ask users who enabled a factor; ON pools ask everyone,
 * falling back to any factor the user can receive, and send users with none to MFA_SETUP. Several
 * factors and no preference: the user picks one (SELECT_MFA_TYPE). Remembered devices may skip it.
 */
export async function mfaStep(services: Services, state: SignInState): Promise<NextChallenge | undefined> {
  const mode = state.pool.MfaConfiguration ?? "OFF";
  if (mode === "OFF" || PASSWORDLESS.has(state.method) || rememberedDeviceSkipsMfa(services, state)) return undefined;
  const factors = signInFactors(state.pool, state.user, mode === "ON");
  if (factors.length === 0) return mode === "ON" ? setupChallenge(services, state) : undefined;
  const chosen = chosenFactor(state.user, factors);
  if (chosen) return factorChallenge(services, state, chosen);
  return challenge(services, state, "SELECT_MFA_TYPE", { MFAS_CAN_CHOOSE: JSON.stringify(factors), USER_ID_FOR_SRP: state.user.Username }, { mfaChoices: factors });
}

/** Passwordless first factors already prove possession: no second factor follows them. */
export function provesPossession(method: SignInState["method"]): boolean {
  return PASSWORDLESS.has(method);
}

/**
 * The MFA that adaptive authentication asks of a risky sign-in by a user who has not turned MFA on:
 * possible when the pool has an active MFA method the user can receive, i.e. an SMS to a phone number
 * (verified or not), an email, or an authenticator app already registered (model:
 * AccountTakeoverActionType.EventAction). Several: the user's preference, else they choose.
 */
export async function riskMfaChallenge(services: Services, state: SignInState): Promise<NextChallenge | undefined> {
  const { user } = state;
  const receivable = (factor: MfaFactor) =>
    factor === "SOFTWARE_TOKEN_MFA" ? Boolean(user.TotpSecret) : Boolean(factor === "SMS_MFA" ? user.Attributes.phone_number : user.Attributes.email);
  const factors = poolMfaFactors(state.pool).filter(receivable);
  if (factors.length === 0) return undefined;
  const chosen = chosenFactor(user, factors);
  if (chosen) return factorChallenge(services, state, chosen);
  return challenge(services, state, "SELECT_MFA_TYPE", { MFAS_CAN_CHOOSE: JSON.stringify(factors), USER_ID_FOR_SRP: user.Username }, { mfaChoices: factors });
}

/** The challenge of one factor: a code sent by SMS or email, or one read off the authenticator app. */
export async function factorChallenge(services: Services, state: SignInState, factor: MfaFactor): Promise<NextChallenge> {
  if (factor !== "SOFTWARE_TOKEN_MFA") return openCodeChallenge(services, state, factor, "mfa");
  const deviceName = friendlyDeviceName(services, state.user);
  return challenge(services, state, factor, { ...(deviceName ? { FRIENDLY_DEVICE_NAME: deviceName } : {}), USER_ID_FOR_SRP: state.user.Username });
}

/** The factors a user may sign in with, in MFA_FACTORS order. TOTP needs no pool permission once verified, as in Cognito. */
function signInFactors(pool: PoolRecord, user: UserRecord, required: boolean): MfaFactor[] {
  const offered = poolMfaFactors(pool);
  const usable = (factor: MfaFactor) => {
    if (factor === "SOFTWARE_TOKEN_MFA") return Boolean(user.TotpSecret);
    return offered.includes(factor) && Boolean(factor === "SMS_MFA" ? user.Attributes.phone_number : user.Attributes.email);
  };
  const enabled = MFA_FACTORS.filter((factor) => user.UserMFASettingList?.includes(factor) && usable(factor));
  return enabled.length > 0 || !required ? enabled : MFA_FACTORS.filter(usable);
}

function chosenFactor(user: UserRecord, factors: MfaFactor[]): MfaFactor | undefined {
  const preferred = factors.find((factor) => factor === user.PreferredMfaSetting);
  return preferred ?? (factors.length === 1 ? factors[0] : undefined);
}

function setupChallenge(services: Services, state: SignInState): NextChallenge {
  return challenge(services, state, "MFA_SETUP", { MFAS_CAN_SETUP: JSON.stringify(poolMfaFactors(state.pool)), USER_ID_FOR_SRP: state.user.Username });
}

/** A device the user remembered may stand in for MFA when the pool's DeviceConfiguration says so. */
function rememberedDeviceSkipsMfa(services: Services, state: SignInState): boolean {
  if (!state.deviceKey || !state.pool.DeviceConfiguration?.ChallengeRequiredOnNewDevice) return false;
  return isRememberedDevice(services, state.user, state.deviceKey);
}

/** SetUserMFAPreference / AdminSetUserMFAPreference: each settings object given turns its factor on or off. */
export interface MfaPreferences {
  SMSMfaSettings?: SMSMfaSettingsType;
  SoftwareTokenMfaSettings?: SoftwareTokenMfaSettingsType;
  EmailMfaSettings?: EmailMfaSettingsType;
}

type FactorSettings = { Enabled?: boolean; PreferredMfa?: boolean };

/** Applies MFA preferences after Cognito's checks: one preferred factor at most, and only factors the user can receive. */
export function setMfaPreferences(services: Services, pool: PoolRecord, user: UserRecord, preferences: MfaPreferences): UserRecord {
  const requested = requestedSettings(preferences);
  if (requested.filter(([, settings]) => settings.PreferredMfa).length > 1) throw InvalidParameter("Only one MFA type can be set as preferred");
  const enabled = new Set(user.UserMFASettingList ?? []);
  let preferred = user.PreferredMfaSetting;
  for (const [factor, settings] of requested) {
    // Preferring a factor turns it on.
    const on = Boolean(settings.Enabled || settings.PreferredMfa);
    if (on) {
      checkCanEnable(services, pool, user, factor);
      enabled.add(factor);
    } else {
      enabled.delete(factor);
    }
    if (settings.PreferredMfa) preferred = factor;
    else if (preferred === factor && (!on || settings.PreferredMfa === false)) preferred = undefined;
  }
  const list = MFA_FACTORS.filter((factor) => enabled.has(factor));
  return saveUser(services, user, { UserMFASettingList: list.length ? list : undefined, PreferredMfaSetting: preferred });
}

/** The settings objects given, by factor; amazon-cognito-identity-js sends null for those it leaves alone. */
function requestedSettings(preferences: MfaPreferences): Array<[MfaFactor, FactorSettings]> {
  const given: Array<[MfaFactor, FactorSettings | null | undefined]> = [
    ["SMS_MFA", preferences.SMSMfaSettings],
    ["SOFTWARE_TOKEN_MFA", preferences.SoftwareTokenMfaSettings],
    ["EMAIL_OTP", preferences.EmailMfaSettings],
  ];
  return given.filter((entry): entry is [MfaFactor, FactorSettings] => entry[1] != null);
}

function checkCanEnable(services: Services, pool: PoolRecord, user: UserRecord, factor: MfaFactor): void {
  switch (factor) {
    case "SOFTWARE_TOKEN_MFA":
      if (user.TotpSecret) return;
      throw InvalidParameter(pendingSecret(services, user) ? "User has not verified software token mfa" : "User has not set up software token mfa");
    case "SMS_MFA":
      // Cognito's wording names the factor: "... to turn on SOFTWARE_TOKEN_MFA" (aws/aws-sdk-js-v3#4645).
      if (!user.Attributes.phone_number) throw InvalidParameter("User does not have delivery config set to turn on SMS_MFA");
      return;
    case "EMAIL_OTP":
      requireEmailMfaTier(pool);
      if (!user.Attributes.email) throw InvalidParameter("User does not have an email set to turn on email MFA");
      return;
  }
}

/** Email MFA is a feature of the Essentials and Plus plans. */
export function requireEmailMfaTier(pool: PoolRecord): void {
  const tier = pool.UserPoolTier ?? "ESSENTIALS";
  if (tier === "LITE") throw FeatureUnavailableInTier(`Email MFA is not available in the ${tier} feature plan of user pool ${pool.Id}.`);
}

const LEGACY_SMS_OPTION: MFAOptionType = { DeliveryMedium: "SMS", AttributeName: "phone_number" };

/** SetUserSettings / AdminSetUserSettings: the legacy MFAOptions turn SMS MFA on (one SMS option) or off (none). */
export function setLegacyMfaOptions(services: Services, pool: PoolRecord, user: UserRecord, options: MFAOptionType[]): UserRecord {
  for (const option of options) {
    if (option.DeliveryMedium !== "SMS" || option.AttributeName !== "phone_number") {
      throw InvalidParameter("Only SMS delivery to the phone_number attribute can be set in MFAOptions");
    }
  }
  return setMfaPreferences(services, pool, user, { SMSMfaSettings: { Enabled: options.length > 0 } });
}

/** The MFA members of AdminGetUser and GetUser; MFAOptions is the legacy view of SMS MFA. */
export function mfaSettingsView(user: UserRecord): { MFAOptions?: MFAOptionType[]; PreferredMfaSetting?: string; UserMFASettingList?: string[] } {
  const list = user.UserMFASettingList ?? [];
  return {
    ...(list.includes("SMS_MFA") ? { MFAOptions: [{ ...LEGACY_SMS_OPTION }] } : {}),
    ...(user.PreferredMfaSetting ? { PreferredMfaSetting: user.PreferredMfaSetting } : {}),
    ...(list.length ? { UserMFASettingList: [...list] } : {}),
  };
}

/**
 * The MFA_SETUP sign-in an AssociateSoftwareToken or VerifySoftwareToken session continues. Those
 * requests name no client, so the session's own client is the one it must belong to.
 */
export function takeSetupSession(services: Services, token: string | undefined): { state: SignInState; session: AuthSession } {
  const session = takeSession(services, token);
  const pool = services.tables.pools.get(session.UserPoolId);
  const client = services.tables.clients.get(session.ClientId);
  if (session.ChallengeName !== "MFA_SETUP" || !pool || !client) throw new InvalidSessionError();
  const user = requireUser(services, pool, session.Username);
  return { state: stateFromSession(pool, client, user, session.Data), session };
}

/** A new MFA_SETUP session carrying what the setup has established so far. */
export function continueSetup(services: Services, state: SignInState, data: Record<string, unknown>): string {
  return challenge(services, state, "MFA_SETUP", {}, data).Session;
}
