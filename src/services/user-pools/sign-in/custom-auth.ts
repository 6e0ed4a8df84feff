import { NotAuthorized } from "../../../errors";
import {
  type ChallengeResult,
  type CustomAuthParty,
  runCreateAuthChallenge,
  runDefineAuthChallenge,
  runVerifyAuthChallengeResponse,
} from "../../../triggers";
import { unrecognizable } from "../../../triggers/response";
import type { Services } from "../../services";
import type { PoolRecord, UserRecord } from "../directory/records";
import type { AuthSession } from "./sessions";
import { afterFirstFactor } from "./pipeline";
import type { NextChallenge, SignInResult } from "./result";
import { challenge, failureOf, type SignInState } from "./state";
import { srpSecrets } from "./passwords";
import { assertNotLockedOut, clearFailedSignIns, recordFailedSignIn } from "./lockout";
import { claimHolds, exchangeFrom, parseSrpA, readClaim, srpPoolName, startExchange } from "./srp";

/** A custom authentication between steps, kept in the challenge session (never sent to the client). */
export interface CustomAuthProgress {
  /** What DefineAuthChallenge is shown: every challenge so far and its result. */
  history: ChallengeResult[];
  /** The name matched no user; the client hides that, so the challenges run for show and end in failure. */
  userNotFound?: boolean;
  /** The client's SRP A, when it started with CHALLENGE_NAME=SRP_A to prove the password first. */
  srpA?: string;
  /** From CreateAuthChallenge, for VerifyAuthChallengeResponse. */
  privateChallengeParameters?: Record<string, string>;
  challengeMetadata?: string;
}

const INCORRECT = "Incorrect username or password.";

export function progressOf(session: AuthSession): CustomAuthProgress | undefined {
  return session.Data?.customAuth as CustomAuthProgress | undefined;
}

/**
 * The stand-in for a name that matched nobody when the client prevents user-existence errors: the
 * challenge triggers still run (told userNotFound) so callers cannot tell the difference.
 */
export function unknownUserStandIn(pool: PoolRecord, userName: string): UserRecord {
  return { UserPoolId: pool.Id, Username: userName, Sub: "", Attributes: {}, Enabled: true, UserStatus: "UNKNOWN", UserCreateDate: 0, UserLastModifiedDate: 0, Groups: [] };
}

function partyOf(state: SignInState, progress: CustomAuthProgress): CustomAuthParty {
  return { client: state.client, user: progress.userNotFound ? undefined : state.user, userName: state.user.Username, clientMetadata: state.clientMetadata };
}

/**
 * One turn of the custom authentication loop: DefineAuthChallenge decides on the history so far
 * whether to issue tokens, fail, or ask another challenge, which CreateAuthChallenge then makes.
 * Each challenge answers with a fresh session; the private parameters stay in it, server side.
 */
export async function nextCustomStep(services: Services, state: SignInState, progress: CustomAuthProgress): Promise<SignInResult> {
  const { pool } = state;
  const party = partyOf(state, progress);
  const decision = await runDefineAuthChallenge(services, pool, party, progress.history);
  if (decision.failAuthentication) throw NotAuthorized(INCORRECT);
  if (decision.issueTokens) {
    if (progress.userNotFound) throw NotAuthorized(INCORRECT);
    return afterFirstFactor(services, { ...state, method: "CUSTOM" });
  }
  switch (decision.challengeName) {
    case "CUSTOM_CHALLENGE": {
      const created = await runCreateAuthChallenge(services, pool, party, "CUSTOM_CHALLENGE", progress.history);
      const next: CustomAuthProgress = {
        history: progress.history,
        userNotFound: progress.userNotFound,
        srpA: progress.srpA,
        privateChallengeParameters: created.privateChallengeParameters,
        challengeMetadata: created.challengeMetadata,
      };
      return challenge(services, state, "CUSTOM_CHALLENGE", { ...created.publicChallengeParameters, USERNAME: state.user.Username }, { customAuth: next });
    }
    case "PASSWORD_VERIFIER":
      return passwordVerifierStep(services, state, progress);
    default:
      throw unrecognizable();
  }
}

/** The password proof a DefineAuthChallenge asks for after SRP_A, answered by the PASSWORD_VERIFIER challenge. */
function passwordVerifierStep(services: Services, state: SignInState, progress: CustomAuthProgress): NextChallenge {
  const { user } = state;
  const secrets = progress.userNotFound ? undefined : srpSecrets(services, user);
  if (!progress.srpA || !secrets) throw NotAuthorized(INCORRECT);
  const exchange = startExchange(parseSrpA(progress.srpA), secrets.verifier);
  return challenge(
    services,
    { ...state, method: "PASSWORD_SRP" },
    "PASSWORD_VERIFIER",
    { SALT: secrets.salt, SECRET_BLOCK: exchange.secretBlock, SRP_B: exchange.B, USERNAME: user.Username, USER_ID_FOR_SRP: user.Username },
    { srp: exchange, customAuth: { history: progress.history, srpA: progress.srpA } },
  );
}

/** The user's ANSWER to a CUSTOM_CHALLENGE, judged by VerifyAuthChallengeResponse; the loop then goes on. */
export async function answerCustomChallenge(services: Services, state: SignInState, progress: CustomAuthProgress, answer: string): Promise<SignInResult> {
  const correct = await runVerifyAuthChallengeResponse(services, state.pool, partyOf(state, progress), progress.privateChallengeParameters ?? {}, answer);
  const result: ChallengeResult = { challengeName: "CUSTOM_CHALLENGE", challengeResult: correct };
  if (progress.challengeMetadata !== undefined) result.challengeMetadata = progress.challengeMetadata;
  return nextCustomStep(services, state, { history: [...progress.history, result], userNotFound: progress.userNotFound, srpA: progress.srpA });
}

/**
 * The PASSWORD_VERIFIER a custom authentication asked for after SRP_A: the same SRP proof as
 * USER_SRP_AUTH's (a wrong one counts as a wrong password), then DefineAuthChallenge again, with the
 * proof in the history.
 */
export async function answerPasswordVerifier(services: Services, state: SignInState, session: AuthSession, responses: Record<string, string>): Promise<SignInResult> {
  const progress = progressOf(session)!;
  const { pool, user } = state;
  const claim = readClaim(responses);
  assertNotLockedOut(services, user);
  const verifier = srpSecrets(services, user)?.verifier;
  if (!verifier || !claimHolds(services.clock, exchangeFrom(session.Data), verifier, { poolName: srpPoolName(pool.Id), userId: user.Username }, claim)) {
    recordFailedSignIn(services, user, failureOf(state));
    throw NotAuthorized(INCORRECT);
  }
  clearFailedSignIns(services, user);
  const history = [...progress.history, { challengeName: "PASSWORD_VERIFIER", challengeResult: true }];
  return nextCustomStep(services, { ...state, method: "PASSWORD_SRP" }, { history, srpA: progress.srpA });
}
