import { NotAuthorized } from "../../../errors";
import type { Services } from "../../services";
import type { UserRecord } from "../directory/records";
import { recordAuthEvent, updateAuthEvent } from "./auth-events";
import { userRefOf } from "../directory/tables";
import { signInFailures } from "./tables";
import { logsUserActivity } from "./protection-mode";
import type { FailedStep } from "./state";
import { noteFailure } from "./threat-state";

/** Consecutive failed password checks of one user, and until when they are locked out (epoch ms). */
export interface SignInFailures {
  count: number;
  lockedUntil: number;
}

/** Cognito allows five wrong passwords, then locks sign-in for a time that doubles per failure, up to 15 minutes. */
const FREE_ATTEMPTS = 5;
const MAX_LOCK_MS = 15 * 60_000;

const failures = (services: Services) => signInFailures.open(services);

export function assertNotLockedOut(services: Services, user: UserRecord): void {
  const record = failures(services).get(userRefOf(user));
  if (record && record.lockedUntil > services.clock.now()) throw NotAuthorized("Password attempts exceeded");
}

/**
 * Counts a wrong password (or code); kept even though the request then fails. It ends the sign-in's
 * auth event when threat protection opened one, or logs a failed one; threat protection counts it
 * toward a burst of failures.
 */
export function recordFailedSignIn(services: Services, user: UserRecord, failed: FailedStep = {}): void {
  const challenge = { ChallengeName: failed.step ?? "Password", ChallengeResponse: "Failure" } as const;
  if (failed.eventId) updateAuthEvent(services, user, failed.eventId, { response: "Fail", challenge });
  else {
    const { context } = failed;
    recordAuthEvent(services, user, { response: "Fail", challenges: [challenge], context: context?.event, source: { ip: context?.ipAddress, device: context?.device } });
  }
  const pool = services.tables.pools.get(user.UserPoolId);
  if (pool && logsUserActivity(pool)) noteFailure(services, user);
  services.store.keepOnFailure(() => {
    const table = failures(services);
    const count = (table.get(userRefOf(user))?.count ?? 0) + 1;
    const lockMs = count < FREE_ATTEMPTS ? 0 : Math.min(1000 * 2 ** (count - FREE_ATTEMPTS), MAX_LOCK_MS);
    table.put(userRefOf(user), { count, lockedUntil: services.clock.now() + lockMs });
  });
}

export function clearFailedSignIns(services: Services, user: UserRecord): void {
  const table = failures(services);
  if (table.has(userRefOf(user))) table.delete(userRefOf(user));
}
