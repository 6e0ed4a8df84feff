import path from "node:path";
import { HandlerFolder } from "../../registry";
import type { Services } from "../../services";
import type { SignInResult } from "./result";
import type { AuthSession } from "./sessions";
import type { SignInState } from "./state";

/** One answer to a challenge: the sign-in so far, its session, and what the client sent. */
export interface ChallengeStep {
  state: SignInState;
  session: AuthSession;
  responses: Record<string, string>;
}

export type ChallengeHandler = (services: Services, step: ChallengeStep) => Promise<SignInResult>;

/** Declares a challenge handler; each file in `challenges/`, named after the challenge, default-exports one. */
export function challengeHandler(handler: ChallengeHandler): ChallengeHandler {
  return handler;
}

const challenges = new HandlerFolder<ChallengeHandler>(path.join(__dirname, "challenges"));

/** The handler of a challenge name: challenges/<NAME>.ts. */
export function challengeHandlerFor(name: string): ChallengeHandler | undefined {
  return challenges.get(name);
}
