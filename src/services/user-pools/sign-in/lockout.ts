import { NotAuthorized } from "../../../errors";
import type { Services } from "../../services";
import type { UserRecord } from "../directory/records";
import { recordAuthEvent } from "./auth-events";
import { userRefOf } from "../directory/tables";
import { signInFailures } from "./tables";

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

/** Counts a wrong password; kept even though the request then fails. */
export function recordFailedSignIn(services: Services, user: UserRecord): void {
  recordAuthEvent(services, user, { response: "Fail", challenges: [{ ChallengeName: "Password", ChallengeResponse: "Failure" }] });
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
