import type { AccountTakeoverActionType, EventRiskType, RiskLevelType } from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorized } from "../../../errors";
import type { Services } from "../../services";
import type { ClientRecord, PoolRecord, UserRecord } from "../directory/records";
import { findUser } from "../directory/users";
import { recordAuthEvent, updateAuthEvent } from "./auth-events";
import { isRememberedDevice } from "./devices";
import { provesPossession, riskMfaChallenge } from "./mfa";
import { protectionMode } from "./protection-mode";
import { inRanges, type RequestContext } from "./request-context";
import type { NextChallenge } from "./result";
import { effectiveRiskConfiguration, type RiskConfigurationRecord } from "./risk";
import { type NoticeKind, notifyUser } from "./risk-notifications";
import type { SignInState, SignInThreat } from "./state";
import { noteSignIn, profileOf, takeForcedRisk } from "./threat-state";

/**
 * Adaptive authentication: a risk level for each sign-in, then the response configured for that level.
 *
 * The level, deterministic (Cognito's own model is not published; these rules follow what it says it
 * looks at — the device, the IP address, failed attempts):
 *   - a level forced through POST /_emu/risk for the user and/or the address wins;
 *   - an address or device that feedback marked Invalid: High;
 *   - otherwise one point for each of: an IP address not seen in this user's completed sign-ins, a
 *     device not seen in them (and not a remembered device the sign-in named), and three or more failed
 *     password or code checks since the last completed sign-in. 0 points: no risk; 1 Low, 2 Medium,
 *     3 High. A user's first sign-in has nothing to compare with, so only failures count then.
 * Addresses in SkippedIPRangeList are not evaluated; BlockedIPRangeList refuses the sign-in outright.
 *
 * AUDIT logs the assessment and acts on nothing; ENFORCED applies the level's action (BLOCK,
 * MFA_IF_CONFIGURED, MFA_REQUIRED, NO_ACTION) and its Notify email.
 */

/** The words of Cognito's refusals (Badsworth/pfml_scripts portal/src/hooks/useAuthLogic.js, from production logs). */
export const BLOCKED_SIGN_IN = "Unable to login because of security reasons.";
export const BLOCKED_REQUEST = "Request not allowed due to security reasons.";

/** Failed checks since the last completed sign-in that make a burst. */
export const FAILURE_BURST = 3;

const LEVELS: ReadonlyArray<RiskLevelType | undefined> = [undefined, "Low", "Medium", "High"];

/**
 * A sign-in from an address on the BlockedIPRangeList is refused before anything else, in full-function
 * mode ("Overrides the risk decision and always blocks", model: RiskExceptionConfigurationType).
 */
export function refuseBlockedAddress(services: Services, pool: PoolRecord, client: ClientRecord, context: RequestContext | undefined, username: string | undefined, customAuth: boolean): void {
  if (protectionMode(pool, customAuth) !== "ENFORCED") return;
  const configuration = effectiveRiskConfiguration(services, pool.Id, client.ClientId);
  if (!inRanges(context?.ipAddress, configuration?.RiskExceptionConfiguration?.BlockedIPRangeList)) return;
  const user = username ? findUser(services, pool, username) : undefined;
  if (user) {
    recordAuthEvent(services, user, {
      response: "Fail",
      context: context?.event,
      risk: { RiskDecision: "Block", CompromisedCredentialsDetected: false },
      source: { ip: context?.ipAddress, device: context?.device },
    });
  }
  throw NotAuthorized(BLOCKED_REQUEST);
}

/**
 * Assesses a sign-in whose first factor is proven, once: opens its auth event (InProgress until the
 * sign-in completes) and refuses it when the level's action is BLOCK.
 */
export function assessSignIn(services: Services, state: SignInState): SignInState {
  if (state.threat) return state;
  const mode = protectionMode(state.pool, state.method === "CUSTOM");
  if (mode === "OFF") return state;
  const configuration = effectiveRiskConfiguration(services, state.pool.Id, state.client.ClientId);
  const ip = state.context?.ipAddress;
  const device = state.context?.device;
  const skipped = inRanges(ip, configuration?.RiskExceptionConfiguration?.SkippedIPRangeList);
  const level = skipped ? undefined : (takeForcedRisk(services, state.user, ip) ?? computedRisk(services, state, ip, device));
  const action = level && mode === "ENFORCED" ? actionFor(configuration, level) : undefined;
  const blocked = action?.EventAction === "BLOCK";
  const risk: EventRiskType = {
    RiskDecision: blocked ? "Block" : action ? "AccountTakeover" : "NoRisk",
    ...(level ? { RiskLevel: level } : {}),
    CompromisedCredentialsDetected: Boolean(state.compromised),
  };
  const event = recordAuthEvent(services, state.user, {
    response: blocked ? "Fail" : "InProgress",
    challenges: [{ ChallengeName: "Password", ChallengeResponse: "Success" }],
    context: state.context?.event,
    risk,
    source: { ip, device },
  });
  const threat: SignInThreat = { mode, eventId: event?.EventId, ip, device, level, action: action?.EventAction, notify: action?.Notify, feedbackToken: event?.FeedbackToken };
  if (blocked) {
    notify(services, state, threat, "block");
    throw NotAuthorized(BLOCKED_SIGN_IN);
  }
  return { ...state, threat };
}

/**
 * After the user's own MFA (which always applies): the MFA that MFA_IF_CONFIGURED and MFA_REQUIRED ask
 * when the user has not turned MFA on. With no factor the user can receive, MFA_IF_CONFIGURED lets the
 * sign-in through and MFA_REQUIRED refuses it. Passwordless first factors already proved possession.
 */
export async function riskChallenge(services: Services, state: SignInState): Promise<NextChallenge | undefined> {
  const action = state.threat?.action;
  if ((action !== "MFA_IF_CONFIGURED" && action !== "MFA_REQUIRED") || provesPossession(state.method)) return undefined;
  const challenge = await riskMfaChallenge(services, state);
  if (challenge || action === "MFA_IF_CONFIGURED") return challenge;
  // The request fails, which takes its InProgress event with it: the refusal is logged anew and kept.
  const threat = state.threat!;
  const event = recordAuthEvent(services, state.user, {
    response: "Fail",
    challenges: [{ ChallengeName: "Password", ChallengeResponse: "Success" }],
    context: state.context?.event,
    risk: { RiskDecision: "Block", RiskLevel: threat.level, CompromisedCredentialsDetected: Boolean(state.compromised) },
    source: { ip: threat.ip, device: threat.device },
  });
  notify(services, state, { ...threat, eventId: event?.EventId, feedbackToken: event?.FeedbackToken }, "block");
  throw NotAuthorized(BLOCKED_SIGN_IN);
}

/** The Notify email of a sign-in that goes on, once its next step is known: challenged for MFA or not. */
export function notifyOutcome(services: Services, state: SignInState, challengedForMfa: boolean): void {
  const action = state.threat?.action;
  const asked = challengedForMfa && (action === "MFA_IF_CONFIGURED" || action === "MFA_REQUIRED");
  if (state.threat) notify(services, state, state.threat, asked ? "mfa" : "noAction");
}

/** An MFA code of the sign-in was right: its event shows it. */
export function secondFactorPassed(services: Services, state: SignInState): void {
  const eventId = state.threat?.eventId;
  if (eventId) updateAuthEvent(services, state.user, eventId, { response: "InProgress", challenge: { ChallengeName: "Mfa", ChallengeResponse: "Success" } });
}

/**
 * The end of a sign-in: its event passes, and its address and device become known. Sign-ins that threat
 * protection did not assess (custom authentication without CustomAuthMode) log a plain event.
 */
export function signInCompleted(services: Services, state: SignInState): void {
  const { threat, context } = state;
  if (threat) {
    if (threat.eventId) updateAuthEvent(services, state.user, threat.eventId, { response: "Pass" });
    noteSignIn(services, state.user, threat.ip, threat.device);
    return;
  }
  recordAuthEvent(services, state.user, {
    response: "Pass",
    challenges: [{ ChallengeName: "Password", ChallengeResponse: "Success" }],
    context: context?.event,
    source: { ip: context?.ipAddress, device: context?.device },
  });
}

function computedRisk(services: Services, state: SignInState, ip: string | undefined, device: string | undefined): RiskLevelType | undefined {
  const profile = profileOf(services, state.user);
  if (!profile) return undefined;
  if ((ip && profile.UntrustedIps.includes(ip)) || (device && profile.UntrustedDevices.includes(device))) return "High";
  const seen = profile.SignIns > 0;
  const remembered = state.deviceKey !== undefined && isRememberedDevice(services, state.user, state.deviceKey);
  let points = 0;
  if (seen && ip && !profile.KnownIps.includes(ip)) points++;
  if (seen && device && !remembered && !profile.KnownDevices.includes(device)) points++;
  if (profile.Failures >= FAILURE_BURST) points++;
  return LEVELS[points];
}

function actionFor(configuration: RiskConfigurationRecord | undefined, level: RiskLevelType): AccountTakeoverActionType | undefined {
  const actions = configuration?.AccountTakeoverRiskConfiguration?.Actions;
  return level === "High" ? actions?.HighAction : level === "Medium" ? actions?.MediumAction : actions?.LowAction;
}

function notify(services: Services, state: SignInState, threat: SignInThreat, kind: NoticeKind): void {
  if (!threat.notify || !threat.eventId || !threat.feedbackToken) return;
  notifyUser(services, {
    pool: state.pool,
    clientId: state.client.ClientId,
    user: state.user as UserRecord,
    kind,
    eventId: threat.eventId,
    feedbackToken: threat.feedbackToken,
    context: state.context?.event,
  });
}
