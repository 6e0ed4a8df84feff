import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Services } from "../services";
import type { Principal } from "./sessions";
import { stsKeys } from "./tables";

/** What an encoded authorization failure tells once decoded, in AWS's shape. */
export interface AuthorizationFailure {
  principal: Principal;
  action: string;
  resource: string;
  explicitDeny?: boolean;
}

const KEY_ROW = "authorizationMessages";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The emulator's own key, kept in the store (messages decode after a restart with --persist) even when
 * the request that first needs it fails, as requests that encode a message usually do.
 */
function messageKey(services: Services): Buffer {
  const keys = stsKeys.open(services);
  let key = keys.get(KEY_ROW);
  if (!key) {
    const created = randomBytes(32).toString("base64");
    services.store.keepOnFailure(() => keys.put(KEY_ROW, created));
    key = created;
  }
  return Buffer.from(key, "base64");
}

/** Encrypts the failure as AWS does: only DecodeAuthorizationMessage can read it. */
export function encodeAuthorizationMessage(services: Services, failure: AuthorizationFailure): string {
  const decoded = JSON.stringify({
    allowed: false,
    explicitDeny: failure.explicitDeny ?? false,
    matchedStatements: { items: [] },
    failures: { items: [] },
    context: {
      principal: { id: failure.principal.UserId, arn: failure.principal.Arn },
      action: failure.action,
      resource: failure.resource,
      conditions: { items: [] },
    },
  });
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", messageKey(services), iv);
  const body = Buffer.concat([cipher.update(decoded, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The decoded JSON, or undefined for anything this emulator did not encode. */
export function decodeAuthorizationMessage(services: Services, encoded: string): string | undefined {
  const bytes = Buffer.from(encoded, "base64url");
  if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", messageKey(services), bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
