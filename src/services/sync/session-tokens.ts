import { randomUUID } from "node:crypto";
import type { Services } from "../services";
import { InvalidParameter } from "./errors";

/** How long a sync session token from ListRecords is good for UpdateRecords. */
export const SYNC_SESSION_SECONDS = 3600;

interface SyncSession {
  /** Session id, identity pool, identity, expiry (epoch seconds): what Cognito says the token contains. */
  s: string;
  p: string;
  i: string;
  e: number;
}

/** A token carries its own session: nothing is stored, so tokens never pile up. */
export function issueSyncSessionToken(services: Services, identityPoolId: string, identityId: string): string {
  const session: SyncSession = { s: randomUUID(), p: identityPoolId, i: identityId, e: services.clock.nowSeconds() + SYNC_SESSION_SECONDS };
  return Buffer.from(JSON.stringify(session)).toString("base64url");
}

/** UpdateRecords takes only a live token of the same identity. */
export function checkSyncSessionToken(services: Services, token: string, identityPoolId: string, identityId: string): void {
  let session: Partial<SyncSession> | undefined;
  try {
    session = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    session = undefined;
  }
  const valid = session?.p === identityPoolId && session.i === identityId && typeof session.e === "number" && session.e > services.clock.nowSeconds();
  if (!valid) throw InvalidParameter("SyncSessionToken not valid for these inputs");
}
