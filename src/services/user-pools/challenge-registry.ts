import path from "node:path";
import type { Services } from "../services";
import type { AuthOutcome } from "./auth";
import type { AuthSession } from "./sessions";
import type { SignInState } from "./sign-in";

/** One answer to a challenge: the sign-in so far, its session, and what the client sent. */
export interface ChallengeStep {
  state: SignInState;
  session: AuthSession;
  responses: Record<string, string>;
}

export type ChallengeHandler = (services: Services, step: ChallengeStep) => Promise<AuthOutcome>;

/** Declares a challenge handler; each file in `challenges/`, named after the challenge, default-exports one. */
export function challengeHandler(handler: ChallengeHandler): ChallengeHandler {
  return handler;
}

const loaded = new Map<string, ChallengeHandler | null>();

/** The handler of a challenge name (challenges/<NAME>.ts), loaded on first use. */
export function challengeHandlerFor(name: string): ChallengeHandler | undefined {
  if (!/^[A-Z_]+$/.test(name)) return undefined;
  let handler = loaded.get(name);
  if (handler === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      handler = (require(path.join(__dirname, "challenges", name)).default as ChallengeHandler) ?? null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
      handler = null;
    }
    loaded.set(name, handler);
  }
  return handler ?? undefined;
}
