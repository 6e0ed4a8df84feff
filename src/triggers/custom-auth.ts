import { InvalidParameter } from "../errors";
import type { Services } from "../services/services";
import type { ClientRecord, PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import { userNotFoundField } from "./authentication";
import { eventUserAttributes, optionalMaps, triggerEvent } from "./event";
import { configuredFunction } from "./functions";
import { invokeTrigger } from "./invoke";
import { flag, optionalString, optionalStringMap, responseOf } from "./response";
import type { ChallengeResult, StringMap, TriggerName } from "./types";

/** Who is answering custom challenges; `user` is undefined for a name that matched nobody (see userNotFound). */
export interface CustomAuthParty {
  client: ClientRecord;
  user?: UserRecord;
  userName: string;
  clientMetadata?: StringMap;
}

const CHALLENGE_TRIGGERS: TriggerName[] = ["DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse"];

/** CUSTOM_AUTH needs all three challenge triggers; Cognito refuses the flow otherwise. */
export function requireCustomAuthTriggers(pool: PoolRecord): void {
  if (CHALLENGE_TRIGGERS.some((trigger) => !configuredFunction(pool, trigger))) {
    throw InvalidParameter("Custom auth lambda trigger is not configured for the user pool.");
  }
}

function request(pool: PoolRecord, party: CustomAuthParty, fields: Record<string, unknown>) {
  return {
    userAttributes: party.user ? eventUserAttributes(pool, party.user) : {},
    ...fields,
    ...optionalMaps({ clientMetadata: party.clientMetadata }),
    ...userNotFoundField(party.client, party.user),
  };
}

function envelope(pool: PoolRecord, party: CustomAuthParty, triggerSource: string) {
  return { pool, triggerSource, userName: party.user?.Username ?? party.userName, clientId: party.client.ClientId };
}

export interface DefineAuthChallengeResult {
  challengeName?: string;
  issueTokens: boolean;
  failAuthentication: boolean;
}

/** DefineAuthChallenge_Authentication: given the challenges so far, issue tokens, fail, or name the next challenge. */
export async function runDefineAuthChallenge(services: Services, pool: PoolRecord, party: CustomAuthParty, session: ChallengeResult[]): Promise<DefineAuthChallengeResult> {
  requireCustomAuthTriggers(pool);
  const event = triggerEvent(envelope(pool, party, "DefineAuthChallenge_Authentication"), request(pool, party, { session }), {
    challengeName: null,
    issueTokens: null,
    failAuthentication: null,
  });
  const response = responseOf(await invokeTrigger(services, pool, "DefineAuthChallenge", configuredFunction(pool, "DefineAuthChallenge")!, event));
  return {
    challengeName: optionalString(response.challengeName),
    issueTokens: flag(response.issueTokens),
    failAuthentication: flag(response.failAuthentication),
  };
}

export interface CreateAuthChallengeResult {
  publicChallengeParameters: StringMap;
  privateChallengeParameters: StringMap;
  challengeMetadata?: string;
}

/** CreateAuthChallenge_Authentication: the question for the client (public) and what the answer is checked against (private). */
export async function runCreateAuthChallenge(
  services: Services,
  pool: PoolRecord,
  party: CustomAuthParty,
  challengeName: string,
  session: ChallengeResult[],
): Promise<CreateAuthChallengeResult> {
  const event = triggerEvent(envelope(pool, party, "CreateAuthChallenge_Authentication"), request(pool, party, { challengeName, session }), {
    publicChallengeParameters: null,
    privateChallengeParameters: null,
    challengeMetadata: null,
  });
  const response = responseOf(await invokeTrigger(services, pool, "CreateAuthChallenge", configuredFunction(pool, "CreateAuthChallenge")!, event));
  return {
    publicChallengeParameters: optionalStringMap(response.publicChallengeParameters) ?? {},
    privateChallengeParameters: optionalStringMap(response.privateChallengeParameters) ?? {},
    challengeMetadata: optionalString(response.challengeMetadata),
  };
}

/** VerifyAuthChallengeResponse_Authentication: whether the client's ANSWER is right. */
export async function runVerifyAuthChallengeResponse(
  services: Services,
  pool: PoolRecord,
  party: CustomAuthParty,
  privateChallengeParameters: StringMap,
  challengeAnswer: string,
): Promise<boolean> {
  const event = triggerEvent(
    envelope(pool, party, "VerifyAuthChallengeResponse_Authentication"),
    request(pool, party, { privateChallengeParameters, challengeAnswer }),
    { answerCorrect: null },
  );
  const response = responseOf(await invokeTrigger(services, pool, "VerifyAuthChallengeResponse", configuredFunction(pool, "VerifyAuthChallengeResponse")!, event));
  return flag(response.answerCorrect);
}
