import { createHmac, timingSafeEqual } from "node:crypto";
import type { AuthenticationResultType, ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { migrateUser, runPreAuthentication, runPreTokenGeneration, type TokenGenerationSource } from "../../triggers";
import { InvalidParameter, NotAuthorized, PasswordResetRequired, UserNotFound } from "../../errors";
import type { Services } from "../services";
import type { ClientRecord, PoolRecord, UserRecord } from "./records";
import { findUser, saveUser } from "./users";
import { passwordCredentials, verifyPassword } from "./passwords";
import { afterFirstFactor } from "./sign-in";
import { claimedDevice } from "./devices";
import { groupsOfUser } from "./groups";
import { assertNotLockedOut, clearFailedSignIns, recordFailedSignIn } from "./lockout";
import { clientSecrets } from "./client-secrets";

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

export type AuthOutcome = {
  ChallengeName?: ChallengeNameType;
  Session?: string;
  ChallengeParameters: Record<string, string>;
  AuthenticationResult?: AuthenticationResultType;
  /** A hosted-UI sign-in's end: who signed in and when; the hosted UI issues its own tokens. */
  HostedSignIn?: { Sub: string; AuthTime: number };
};

/** How a password sign-in was started, beyond the credentials. */
export interface PasswordSignInOptions {
  clientMetadata?: Record<string, string>;
  /** A remembered device the client names (amazon-cognito-identity-js sends it with every sign-in). */
  deviceKey?: string;
  /** Started by the hosted UI's login page, which grants its own tokens at the end. */
  hostedUi?: boolean;
}

/** Username + password sign-in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH): checks, then tokens or the next challenge. */
export async function passwordSignIn(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  password: string,
  { clientMetadata, deviceKey, hostedUi }: PasswordSignInOptions = {},
): Promise<AuthOutcome> {
  const user = findUser(services, pool, username) ?? (await migrateUser(services, pool, client, { source: "Authentication", userName: username, password, clientMetadata }));
  if (!user) {
    // Clients that hide unknown users still run the trigger, telling it userNotFound.
    if (client.PreventUserExistenceErrors === "ENABLED") await runPreAuthentication(services, pool, client, { userName: username, validationData: clientMetadata });
    throw unknownUser(client);
  }
  if (!user.Enabled) throw NotAuthorized("User is disabled.");
  assertNotLockedOut(services, user);
  await runPreAuthentication(services, pool, client, { user, userName: username, validationData: clientMetadata });
  // Imported users have no password until they reset it.
  if (user.UserStatus === "RESET_REQUIRED" && !user.PasswordHash) throw PasswordResetRequired("Password reset required for the user");
  if (!verifyPassword(password, user.PasswordHash)) {
    recordFailedSignIn(services, user);
    throw NotAuthorized("Incorrect username or password.");
  }
  clearFailedSignIns(services, user);
  const signedIn = user.SrpX ? user : withSrpCredentials(services, pool, user, password);
  return afterFirstFactor(services, { pool, client, user: signedIn, method: "PASSWORD", clientMetadata, deviceKey: claimedDevice(services, pool, user, deviceKey), hostedUi });
}

/** What the pre token generation trigger is told about a sign-in. */
export interface TokenTrigger {
  source: TokenGenerationSource;
  clientMetadata?: Record<string, string>;
}

/** Tokens for a completed sign-in: ID, access and a new refresh token, as the pool's pre token generation trigger shapes them. */
export async function issueSignInTokens(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  deviceKey?: string,
  trigger: TokenTrigger = { source: "Authentication" },
): Promise<AuthenticationResultType> {
  const groups = groupsOfUser(services, user);
  const customization = await runPreTokenGeneration(services, pool, { ...trigger, client, user, groups });
  return services.tokens.issue({ pool, client, user, groups, withRefreshToken: true, deviceKey, ...customization });
}

/**
 * Users imported with only a password hash (older exports) cannot do SRP; the first password sign-in,
 * which knows the password, gives them SRP credentials too.
 */
function withSrpCredentials(services: Services, pool: PoolRecord, user: UserRecord, password: string): UserRecord {
  const { SrpSalt, SrpX } = passwordCredentials(pool, user.Username, password);
  return saveUser(services, user, { SrpSalt, SrpX, SrpVerifier: undefined });
}
