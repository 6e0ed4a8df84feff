import { timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import type { Services } from "../services/services";
import type { ClientRecord, PoolRecord } from "../services/user-pools/directory/records";
import { clientSecrets } from "../services/user-pools/directory/client-secrets";
import { OAuthError } from "./errors";

/**
 * The app client a token or revocation request comes from: `client_id` and `client_secret` by HTTP Basic
 * authentication (client_secret_basic) or in the form (client_secret_post); a client with a secret must
 * prove it, a client without one must not send one.
 */
export function authenticateClient(services: Services, req: Request, form: Record<string, string>, failureStatus = 400): { client: ClientRecord; pool: PoolRecord } {
  const basic = basicCredentials(req.headers.authorization);
  const fail = (reason: string) => new OAuthError("invalid_client", failureStatus, reason);
  if (basic === null) throw fail("malformed Authorization header");
  if (basic && form.client_id && form.client_id !== basic.id) throw fail("client_id differs from the Authorization header");
  const clientId = basic?.id ?? form.client_id;
  const secret = basic?.secret ?? form.client_secret;
  if (!clientId) throw fail("no client_id");
  const client = services.tables.clients.get(clientId);
  const pool = client && services.tables.pools.get(client.UserPoolId);
  if (!client || !pool) throw fail(`client ${clientId} does not exist`);
  if (client.ClientSecret) {
    if (!secret || !clientSecrets(client).some((expected) => sameSecret(secret, expected))) throw fail("wrong or missing client secret");
  } else if (secret) {
    throw fail("the client has no secret");
  }
  return { client, pool };
}

/** undefined without Basic credentials; null when the header is Basic but unreadable. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined | null {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    // RFC 6749 form-encodes both before joining them; Cognito's ids and secrets are unaffected either way.
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
