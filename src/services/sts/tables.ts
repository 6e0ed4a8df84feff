import { declareTable } from "../../store/schema";
import type { SigningKeyRecord } from "./outbound-tokens";
import type { SessionRecord } from "./sessions";

/**
 * STS's tables. Sessions outlive their expiry on purpose: a request signed with expired credentials
 * answers ExpiredToken, which needs the session.
 */

/** Temporary credentials, keyed by access key id. */
export const stsSessions = declareTable<SessionRecord>({ name: "stsSessions", key: (session) => session.AccessKeyId });

/** The emulator's own secrets (the authorization-message key), keyed by purpose; values are base64 keys. */
export const stsKeys = declareTable<string>({ name: "stsKeys" });

/** GetWebIdentityToken's signing keys, keyed by algorithm. */
export const stsWebIdentityKeys = declareTable<SigningKeyRecord>({ name: "stsWebIdentityKeys" });
