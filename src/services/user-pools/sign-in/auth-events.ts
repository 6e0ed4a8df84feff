import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type {
  AuthEventType,
  ChallengeResponseType,
  EventContextDataType,
  EventResponseType,
  EventRiskType,
  EventType,
  FeedbackValueType,
} from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorized, ResourceNotFound, UserNotFound, UserPoolAddOnNotEnabled } from "../../../errors";
import { uuid } from "../../../ids";
import type { Services } from "../../services";
import type { Ordering } from "../directory/list-users";
import type { PoolRecord, UserRecord } from "../directory/records";
import { findUser } from "../directory/users";
import { userRefOf } from "../directory/tables";
import { authEventKey, authEvents } from "./tables";
import { logsUserActivity } from "./protection-mode";
import { noteFeedback } from "./threat-state";

/** One sign-in (or sign-up, password change, ...) outcome of a user; keyed `<poolId>/<sub>/<EventId>`. */
export interface AuthEventRecord {
  UserPoolId: string;
  Sub: string;
  EventId: string;
  EventType: EventType;
  CreationDate: number;
  EventResponse: EventResponseType;
  ChallengeResponses: ChallengeResponseType[];
  EventContextData?: EventContextDataType;
  /** Threat protection's assessment; absent, the event carried no risk. */
  EventRisk?: EventRiskType;
  /** The address and device of the request, which feedback on the event trusts or distrusts. */
  SourceIp?: string;
  Device?: string;
  EventFeedback?: { FeedbackValue: FeedbackValueType; Provider: string; FeedbackDate: number };
  /** SHA-256 of the token a risk notification would carry for UpdateAuthEventFeedback; never the token. */
  FeedbackTokenHash: string;
  /** Order of the user's events, for those recorded within one millisecond. */
  Sequence: number;
}

/** What the sign-in pipeline knows of an outcome. */
export interface AuthEventInput {
  type?: EventType;
  response: EventResponseType;
  /** The steps answered, e.g. `[{ ChallengeName: "Password", ChallengeResponse: "Success" }]`. */
  challenges?: ChallengeResponseType[];
  context?: EventContextDataType;
  risk?: EventRiskType;
  source?: { ip?: string; device?: string };
}

/** A later step of the same sign-in: its MFA answer, or the end of it. */
export interface AuthEventUpdate {
  response: EventResponseType;
  challenge?: ChallengeResponseType;
}

/** Who gave feedback, as AuthEventType.EventFeedback.Provider shows it. */
export type FeedbackProvider = "Admin" | "User";

const eventsTable = (services: Services) => authEvents.open(services);

/** Cognito logs user activity only while threat protection runs, in audit-only or full-function mode. */
export function authEventsEnabled(pool: PoolRecord): boolean {
  return logsUserActivity(pool);
}

export function requireAuthEvents(pool: PoolRecord): void {
  if (!authEventsEnabled(pool)) throw UserPoolAddOnNotEnabled(`Threat protection is not active in user pool ${pool.Id}.`);
}

/**
 * Logs an outcome for the user, when their pool logs user activity: the event id and the feedback token
 * that a risk notification would carry. A failure is kept although its request then fails.
 */
export function recordAuthEvent(services: Services, user: UserRecord, input: AuthEventInput): { EventId: string; FeedbackToken: string } | undefined {
  const pool = services.tables.pools.get(user.UserPoolId);
  if (!pool || !authEventsEnabled(pool)) return undefined;
  const FeedbackToken = randomBytes(32).toString("base64url");
  const record = (): AuthEventRecord => ({
    UserPoolId: user.UserPoolId,
    Sub: user.Sub,
    EventId: uuid(),
    EventType: input.type ?? "SignIn",
    CreationDate: services.clock.now(),
    EventResponse: input.response,
    ChallengeResponses: input.challenges ?? [],
    ...(input.context && Object.keys(input.context).length ? { EventContextData: input.context } : {}),
    ...(input.risk ? { EventRisk: input.risk } : {}),
    ...(input.source?.ip ? { SourceIp: input.source.ip } : {}),
    ...(input.source?.device ? { Device: input.source.device } : {}),
    FeedbackTokenHash: hashToken(FeedbackToken),
    Sequence: eventsTable(services).countBy("byUser", userRefOf(user)) + 1,
  });
  const write = () => {
    const event = record();
    eventsTable(services).put(authEventKey(event.UserPoolId, event.Sub, event.EventId), event);
    return event.EventId;
  };
  const EventId = input.response === "Fail" ? services.store.keepOnFailure(write) : write();
  return { EventId, FeedbackToken };
}

/**
 * Moves an event of a sign-in in progress on: an MFA answer is added to its challenges, and its
 * response becomes the sign-in's. A failure is kept although its request then fails.
 */
export function updateAuthEvent(services: Services, user: UserRecord, eventId: string, update: AuthEventUpdate): void {
  const write = () => {
    const table = eventsTable(services);
    const key = authEventKey(user.UserPoolId, user.Sub, eventId);
    const event = table.get(key);
    if (!event) return;
    table.put(key, {
      ...event,
      EventResponse: update.response,
      ChallengeResponses: update.challenge ? [...event.ChallengeResponses, update.challenge] : event.ChallengeResponses,
    });
  };
  if (update.response === "Fail") services.store.keepOnFailure(write);
  else write();
}

/** The user the feedback and listing operations name: by username, alias, or sub. */
export function requireEventUser(services: Services, pool: PoolRecord, name: string): UserRecord {
  const user = findUser(services, pool, name) ?? services.tables.userBySub(pool.Id, name);
  if (!user) throw UserNotFound("User does not exist.");
  return user;
}

export function eventsOfUser(services: Services, user: UserRecord): AuthEventRecord[] {
  return eventsTable(services).findBy("byUser", userRefOf(user));
}

/** Newest first, as AdminListUserAuthEvents lists them. */
export const AUTH_EVENT_ORDER: Ordering<AuthEventRecord> = {
  rank: (event) => -event.CreationDate,
  tieBreak: (event) => String(Number.MAX_SAFE_INTEGER - event.Sequence).padStart(16, "0"),
};

/** AdminUpdateAuthEventFeedback, and UpdateAuthEventFeedback once its token is checked. */
export function giveFeedback(services: Services, user: UserRecord, eventId: string, value: FeedbackValueType, provider: FeedbackProvider): AuthEventRecord {
  const event = requireAuthEvent(services, user, eventId);
  const updated: AuthEventRecord = { ...event, EventFeedback: { FeedbackValue: value, Provider: provider, FeedbackDate: services.clock.now() } };
  eventsTable(services).put(authEventKey(event.UserPoolId, event.Sub, event.EventId), updated);
  noteFeedback(services, user, value === "Valid", event.SourceIp, event.Device);
  return updated;
}

export function checkFeedbackToken(services: Services, user: UserRecord, eventId: string, token: string): void {
  const expected = Buffer.from(requireAuthEvent(services, user, eventId).FeedbackTokenHash, "hex");
  if (!timingSafeEqual(expected, Buffer.from(hashToken(token), "hex"))) throw NotAuthorized("Invalid feedback token.");
}

/** AuthEventType's members in the model's order. */
export function toAuthEventType(event: AuthEventRecord): AuthEventType {
  return {
    EventId: event.EventId,
    EventType: event.EventType,
    CreationDate: new Date(event.CreationDate),
    EventResponse: event.EventResponse,
    EventRisk: eventRiskType(event.EventRisk ?? NO_RISK),
    ChallengeResponses: event.ChallengeResponses,
    ...(event.EventContextData ? { EventContextData: event.EventContextData } : {}),
    ...(event.EventFeedback ? { EventFeedback: { ...event.EventFeedback, FeedbackDate: new Date(event.EventFeedback.FeedbackDate) } } : {}),
  };
}

/**
 * A sign-in with no risk shows no RiskLevel, as in AWS's example of "a user who signed in and was
 * evaluated to have no risk factors" (developer guide, Exporting logs from Amazon Cognito user pools).
 */
const NO_RISK: EventRiskType = { RiskDecision: "NoRisk", CompromisedCredentialsDetected: false };

/** EventRiskType's members in the model's order. */
function eventRiskType(risk: EventRiskType): EventRiskType {
  return {
    RiskDecision: risk.RiskDecision,
    ...(risk.RiskLevel ? { RiskLevel: risk.RiskLevel } : {}),
    CompromisedCredentialsDetected: risk.CompromisedCredentialsDetected ?? false,
  };
}

function requireAuthEvent(services: Services, user: UserRecord, eventId: string): AuthEventRecord {
  const event = eventsTable(services).get(authEventKey(user.UserPoolId, user.Sub, eventId));
  if (!event) throw ResourceNotFound(`Auth event ${eventId} does not exist.`);
  return event;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
