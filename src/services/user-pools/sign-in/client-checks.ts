import { createHmac, timingSafeEqual } from "node:crypto";
import { InvalidParameter, NotAuthorized, UserNotFound } from "../../../errors";
import { clientSecrets } from "../directory/client-secrets";
import type { ClientRecord } from "../directory/records";

const LEGACY_FLOWS: Record<string, string> = { USER_PASSWORD_AUTH: "USER_PASSWORD_AUTH", ADMIN_USER_PASSWORD_AUTH: "ADMIN_NO_SRP_AUTH", CUSTOM_AUTH: "CUSTOM_AUTH_FLOW_ONLY" };

/**
 * Whether a client allows a flow, in either the current (`ALLOW_*`) or legacy spelling. Clients
 * configured with legacy values only always allow SRP and refresh, as they did before `ALLOW_*` existed.
 */
export function flowEnabled(client: ClientRecord, flow: string): boolean {
  const flows = (client.ExplicitAuthFlows ?? []) as string[];
  if (flows.includes(`ALLOW_${flow}`)) return true;
  if (LEGACY_FLOWS[flow] !== undefined && flows.includes(LEGACY_FLOWS[flow])) return true;
  const legacyOnly = flows.length > 0 && flows.every((f) => !f.startsWith("ALLOW_"));
  return legacyOnly && (flow === "USER_SRP_AUTH" || flow === "REFRESH_TOKEN_AUTH");
}

export function requireFlow(client: ClientRecord, flow: string): void {
  if (!flowEnabled(client, flow)) throw InvalidParameter(`${flow} flow not enabled for this client`);
}

export function secretHash(clientId: string, clientSecret: string, username: string): string {
  return createHmac("sha256", clientSecret).update(username + clientId).digest("base64");
}

/**
 * Clients with a secret must prove it with SECRET_HASH = Base64(HMAC-SHA256(secret, username + clientId)),
 * made with any of their secrets while one replaces the other.
 */
export function checkSecretHash(client: ClientRecord, username: string, given: string | undefined, alsoAccept: string[] = []): void {
  if (!client.ClientSecret) return;
  if (!given) throw NotAuthorized(`Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`);
  const candidates = clientSecrets(client).flatMap((secret) => [username, ...alsoAccept].map((name) => secretHash(client.ClientId, secret, name)));
  const givenBytes = Buffer.from(given);
  const ok = candidates.some((c) => c.length === given.length && timingSafeEqual(Buffer.from(c), givenBytes));
  if (!ok) throw NotAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
}

export function requireParameter(parameters: Record<string, string> | undefined, name: string): string {
  const value = parameters?.[name];
  if (!value) throw InvalidParameter(`Missing required parameter ${name}`);
  return value;
}

/** Unknown users surface as Cognito does: hidden behind "Incorrect username or password." when the client prevents user-existence errors. */
export function unknownUser(client: ClientRecord): Error {
  return client.PreventUserExistenceErrors === "ENABLED" ? NotAuthorized("Incorrect username or password.") : UserNotFound("User does not exist.");
}
