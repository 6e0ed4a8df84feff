import { createHash, randomBytes } from "node:crypto";
import type { WebAuthnCredentialDescription } from "@aws-sdk/client-cognito-identity-provider";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import type * as WebAuthnLibrary from "@simplewebauthn/server";
import type * as WebAuthnHelpers from "@simplewebauthn/server/helpers";
import { InvalidParameter, LimitExceeded, NotAuthorized, ResourceNotFound, ServiceError } from "../../../errors";
import type { Services } from "../../services";
import { pageOf } from "../directory/pools";
import type { PoolRecord, UserRecord, WebAuthnCredentialRecord, WebAuthnRegistrationRecord } from "../directory/records";
import { type AuthSession, InvalidSessionError } from "./sessions";
import type { NextChallenge } from "./result";
import { challenge, type SignInState } from "./state";
import { userRefOf } from "../directory/tables";
import { credentialRef, passkeyKey, webAuthnCredentials, webAuthnRegistrations } from "./tables";

/** @simplewebauthn/server takes about 80 ms to load: passkey operations pay it on first use, not start-up. */
function library(): typeof WebAuthnLibrary {
  return require("@simplewebauthn/server");
}

function helpers(): typeof WebAuthnHelpers {
  return require("@simplewebauthn/server/helpers");
}

/**
 * Passkeys (WebAuthn): registration by a signed-in user, and the WEB_AUTHN first factor of USER_AUTH.
 * Attestations and assertions are verified for real by @simplewebauthn/server; the checks Cognito
 * names with their own exceptions (challenge, origin, relying party, user verification) run first.
 */

/**
 * Cognito's default relying party is the pool's hosted-UI domain, which a browser on this machine
 * never visits; the emulator's pages and test apps run on localhost, so that is the default here.
 */
export const DEFAULT_RELYING_PARTY_ID = "localhost";
/** How many passkeys one user may register. */
export const MAX_PASSKEYS_PER_USER = 20;
/** How long a registration or sign-in ceremony may take (the options' timeout). */
const CEREMONY_TIMEOUT_MS = 300_000;
const DEFAULT_LIST_SIZE = 20;
/** ES256 and RS256, the algorithms Cognito offers. */
const SUPPORTED_ALGORITHMS = [-7, -257];
const DEFAULT_FRIENDLY_NAME = "Passkey";

export const WebAuthnNotEnabled = (message: string) => new ServiceError("WebAuthnNotEnabledException", message);
export const WebAuthnChallengeNotFound = (message: string) => new ServiceError("WebAuthnChallengeNotFoundException", message);
export const WebAuthnClientMismatch = (message: string) => new ServiceError("WebAuthnClientMismatchException", message);
export const WebAuthnOriginNotAllowed = (message: string) => new ServiceError("WebAuthnOriginNotAllowedException", message);
export const WebAuthnRelyingPartyMismatch = (message: string) => new ServiceError("WebAuthnRelyingPartyMismatchException", message);
export const WebAuthnCredentialNotSupported = (message: string) => new ServiceError("WebAuthnCredentialNotSupportedException", message);

function tablesOf(services: Services) {
  return { credentials: webAuthnCredentials.open(services), registrations: webAuthnRegistrations.open(services) };
}

export function relyingPartyId(pool: PoolRecord): string {
  return pool.WebAuthnConfiguration?.RelyingPartyId ?? DEFAULT_RELYING_PARTY_ID;
}

/** A passkey that stands in for MFA must verify its user (PIN, biometrics), whatever UserVerification says. */
export function userVerification(pool: PoolRecord): "required" | "preferred" {
  const config = pool.WebAuthnConfiguration;
  return config?.UserVerification === "required" || config?.FactorConfiguration === "MULTI_FACTOR_WITH_USER_VERIFICATION" ? "required" : "preferred";
}

/** Passkeys are a first factor the pool's sign-in policy must allow, on the Essentials or Plus plan. */
export function passkeysEnabled(pool: PoolRecord): boolean {
  const allowed = pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? [];
  return allowed.includes("WEB_AUTHN") && (pool.UserPoolTier ?? "ESSENTIALS") !== "LITE";
}

function requirePasskeysEnabled(pool: PoolRecord): void {
  if (!passkeysEnabled(pool)) throw WebAuthnNotEnabled("WebAuthn is not enabled for this user pool.");
}

/** The user's passkeys, oldest first. */
export function userPasskeys(services: Services, user: UserRecord): WebAuthnCredentialRecord[] {
  return tablesOf(services)
    .credentials.findBy("byUser", userRefOf(user))
    .sort((a, b) => a.CreatedAt - b.CreatedAt || (a.CredentialId < b.CredentialId ? -1 : 1));
}

/** The passkeys a sign-in at the pool's current relying party can use. */
export function usablePasskeys(services: Services, pool: PoolRecord, user: UserRecord): WebAuthnCredentialRecord[] {
  const rpId = relyingPartyId(pool);
  return userPasskeys(services, user).filter((passkey) => passkey.RelyingPartyId === rpId);
}

/**
 * Sets a user's passkeys to exactly these (fixtures restoring exported state); refused when another user
 * of the pool holds one of the credential ids.
 */
export function replaceUserPasskeys(services: Services, user: UserRecord, passkeys: readonly Omit<WebAuthnCredentialRecord, "UserPoolId" | "Sub">[]): void {
  const { credentials } = tablesOf(services);
  for (const passkey of passkeys) {
    const holder = credentials.findOneBy("byCredentialId", credentialRef(user.UserPoolId, passkey.CredentialId));
    if (holder && holder.Sub !== user.Sub) throw InvalidParameter(`Passkey ${passkey.CredentialId} is already registered to another user of the pool.`);
  }
  for (const key of credentials.keysBy("byUser", userRefOf(user))) credentials.delete(key);
  for (const passkey of passkeys) credentials.put(passkeyKey(user, passkey.CredentialId), { ...passkey, UserPoolId: user.UserPoolId, Sub: user.Sub });
}

// ---- registration ---------------------------------------------------------------------------

/** StartWebAuthnRegistration: creation options for the user's authenticator, its challenge kept until completed. */
export function startRegistration(services: Services, pool: PoolRecord, user: UserRecord, clientId: string): Record<string, unknown> {
  requirePasskeysEnabled(pool);
  const existing = userPasskeys(services, user);
  requireRoomForPasskey(existing);
  const pending: WebAuthnRegistrationRecord = {
    UserPoolId: pool.Id,
    Sub: user.Sub,
    ClientId: clientId,
    Challenge: newChallenge(),
    RelyingPartyId: relyingPartyId(pool),
    UserVerification: userVerification(pool),
    ExpiresAt: services.clock.now() + CEREMONY_TIMEOUT_MS,
  };
  tablesOf(services).registrations.put(userRefOf(user), pending);
  return creationOptions(pool, user, pending, existing);
}

function creationOptions(pool: PoolRecord, user: UserRecord, pending: WebAuthnRegistrationRecord, existing: WebAuthnCredentialRecord[]): Record<string, unknown> {
  const name = userFacingName(pool, user);
  return {
    rp: { id: pending.RelyingPartyId, name: pool.Name },
    user: { id: helpers().isoBase64URL.fromUTF8String(user.Sub), name, displayName: user.Attributes.name ?? name },
    challenge: pending.Challenge,
    pubKeyCredParams: SUPPORTED_ALGORITHMS.map((alg) => ({ type: "public-key", alg })),
    timeout: CEREMONY_TIMEOUT_MS,
    excludeCredentials: existing.map(descriptor),
    authenticatorSelection: { requireResidentKey: true, residentKey: "required", userVerification: pending.UserVerification },
  };
}

/** The name a user signs in with: the email or phone number in pools that use them as usernames. */
function userFacingName(pool: PoolRecord, user: UserRecord): string {
  for (const attribute of pool.UsernameAttributes ?? []) {
    const value = user.Attributes[attribute];
    if (value) return value;
  }
  return user.Username;
}

function requireRoomForPasskey(existing: readonly WebAuthnCredentialRecord[]): void {
  if (existing.length >= MAX_PASSKEYS_PER_USER) throw LimitExceeded(`User has reached the maximum of ${MAX_PASSKEYS_PER_USER} registered passkeys.`);
}

const REGISTRATION_FAILURES: CeremonyFailures = {
  challenge: WebAuthnChallengeNotFound,
  origin: WebAuthnOriginNotAllowed,
  relyingParty: WebAuthnRelyingPartyMismatch,
  unsupported: WebAuthnCredentialNotSupported,
  invalid: (message) => InvalidParameter(`Invalid WebAuthn credential: ${message}`),
};

/** CompleteWebAuthnRegistration: verifies the authenticator's attestation against the pending challenge and keeps the passkey. */
export async function completeRegistration(services: Services, pool: PoolRecord, user: UserRecord, clientId: string, credential: unknown): Promise<WebAuthnCredentialRecord> {
  requirePasskeysEnabled(pool);
  const pending = takeRegistration(services, user, clientId);
  const response = parseCredential<RegistrationResponseJSON>(credential, ["clientDataJSON", "attestationObject"], REGISTRATION_FAILURES);
  const origin = checkCeremony(pending, "webauthn.create", response.response.clientDataJSON, attestedData(response), REGISTRATION_FAILURES);
  requireRoomForPasskey(userPasskeys(services, user));
  const verified = await verifiedRegistration(response, pending, origin);
  if (tablesOf(services).credentials.findOneBy("byCredentialId", credentialRef(pool.Id, verified.credential.id))) {
    throw InvalidParameter("This passkey is already registered.");
  }
  return savePasskey(services, user, pending, response, verified);
}

/** The registration in progress, answered once; another client's access token leaves it to its own client. */
function takeRegistration(services: Services, user: UserRecord, clientId: string): WebAuthnRegistrationRecord {
  const { registrations } = tablesOf(services);
  const pending = registrations.get(userRefOf(user));
  if (!pending) throw WebAuthnChallengeNotFound("No passkey registration was started for this user; call StartWebAuthnRegistration first.");
  if (pending.ClientId !== clientId) throw WebAuthnClientMismatch("The access token was issued to a different app client than the one that started the registration.");
  registrations.delete(userRefOf(user));
  if (pending.ExpiresAt <= services.clock.now()) throw WebAuthnChallengeNotFound("The passkey registration challenge has expired.");
  return pending;
}

function attestedData(response: RegistrationResponseJSON): AuthenticatorFacts {
  try {
    const attestation = helpers().decodeAttestationObject(helpers().isoBase64URL.toBuffer(response.response.attestationObject));
    return helpers().parseAuthenticatorData(attestation.get("authData"));
  } catch (error) {
    throw REGISTRATION_FAILURES.invalid(`attestationObject cannot be decoded (${(error as Error).message})`);
  }
}

type VerifiedRegistration = Extract<Awaited<ReturnType<typeof WebAuthnLibrary.verifyRegistrationResponse>>, { verified: true }>["registrationInfo"];

async function verifiedRegistration(response: RegistrationResponseJSON, pending: WebAuthnRegistrationRecord, origin: string): Promise<VerifiedRegistration> {
  let result: Awaited<ReturnType<typeof WebAuthnLibrary.verifyRegistrationResponse>>;
  try {
    result = await library().verifyRegistrationResponse({
      response,
      expectedChallenge: pending.Challenge,
      expectedOrigin: origin,
      expectedRPID: pending.RelyingPartyId,
      requireUserVerification: pending.UserVerification === "required",
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch (error) {
    const message = (error as Error).message;
    throw /public key alg/i.test(message) ? WebAuthnCredentialNotSupported(message) : REGISTRATION_FAILURES.invalid(message);
  }
  if (!result.verified) throw REGISTRATION_FAILURES.invalid("the attestation could not be verified");
  return result.registrationInfo;
}

function savePasskey(services: Services, user: UserRecord, pending: WebAuthnRegistrationRecord, response: RegistrationResponseJSON, verified: VerifiedRegistration): WebAuthnCredentialRecord {
  const record: WebAuthnCredentialRecord = {
    UserPoolId: user.UserPoolId,
    Sub: user.Sub,
    CredentialId: verified.credential.id,
    PublicKey: helpers().isoBase64URL.fromBuffer(verified.credential.publicKey),
    SignCount: verified.credential.counter,
    FriendlyCredentialName: DEFAULT_FRIENDLY_NAME,
    RelyingPartyId: pending.RelyingPartyId,
    Aaguid: verified.aaguid,
    ...(response.authenticatorAttachment ? { AuthenticatorAttachment: response.authenticatorAttachment } : {}),
    AuthenticatorTransports: [...(response.response.transports ?? [])],
    CreatedAt: services.clock.now(),
  };
  tablesOf(services).credentials.put(passkeyKey(user, record.CredentialId), record);
  return record;
}

// ---- listing and deleting -------------------------------------------------------------------

/** ListWebAuthnCredentials: the user's passkeys, oldest first, a page at a time. */
export function listPasskeys(services: Services, user: UserRecord, maxResults: number | undefined, nextToken: string | undefined): { Credentials: WebAuthnCredentialDescription[]; NextToken?: string } {
  const size = maxResults || DEFAULT_LIST_SIZE;
  const page = pageOf(userPasskeys(services, user), (passkey) => `${String(passkey.CreatedAt).padStart(16, "0")}|${passkey.CredentialId}`, size, nextToken);
  return { Credentials: page.items.map(describePasskey), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

function describePasskey(passkey: WebAuthnCredentialRecord): WebAuthnCredentialDescription {
  return {
    CredentialId: passkey.CredentialId,
    FriendlyCredentialName: passkey.FriendlyCredentialName,
    RelyingPartyId: passkey.RelyingPartyId,
    ...(passkey.AuthenticatorAttachment ? { AuthenticatorAttachment: passkey.AuthenticatorAttachment } : {}),
    AuthenticatorTransports: [...passkey.AuthenticatorTransports],
    CreatedAt: new Date(passkey.CreatedAt),
  };
}

/** DeleteWebAuthnCredential: only the signed-in user's own passkey. */
export function deletePasskey(services: Services, user: UserRecord, credentialId: string): void {
  if (!tablesOf(services).credentials.delete(passkeyKey(user, credentialId))) throw ResourceNotFound("Credential not found.");
}

// ---- sign-in --------------------------------------------------------------------------------

/** The WEB_AUTHN challenge: request options for the user's authenticator, the challenge kept in the session. */
export function webAuthnChallenge(services: Services, state: SignInState): NextChallenge {
  const ceremony = { Challenge: newChallenge(), RelyingPartyId: relyingPartyId(state.pool), UserVerification: userVerification(state.pool) };
  const options = {
    challenge: ceremony.Challenge,
    rpId: ceremony.RelyingPartyId,
    timeout: CEREMONY_TIMEOUT_MS,
    allowCredentials: usablePasskeys(services, state.pool, state.user).map(descriptor),
    userVerification: ceremony.UserVerification,
  };
  return challenge(services, state, "WEB_AUTHN", { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) }, { webAuthn: ceremony });
}

/** A failed assertion is a failed sign-in; RespondToAuthChallenge names no WebAuthn exceptions. */
const ASSERTION_FAILURES: CeremonyFailures = {
  challenge: NotAuthorized,
  origin: NotAuthorized,
  relyingParty: NotAuthorized,
  unsupported: NotAuthorized,
  invalid: (message) => InvalidParameter(`Invalid WebAuthn credential: ${message}`),
};

/**
 * Verifies the CREDENTIAL answering a WEB_AUTHN challenge: one of the user's passkeys signed the
 * session's challenge for this relying party, and its signature counter moved on. The new count is kept.
 */
export async function verifyAssertion(services: Services, state: SignInState, session: AuthSession, credential: string): Promise<void> {
  const ceremony = session.Data?.webAuthn as Ceremony | undefined;
  if (!ceremony) throw new InvalidSessionError();
  const response = parseCredential<AuthenticationResponseJSON>(credential, ["clientDataJSON", "authenticatorData", "signature"], ASSERTION_FAILURES);
  const passkey = tablesOf(services).credentials.get(passkeyKey(state.user, response.id));
  if (!passkey || passkey.RelyingPartyId !== ceremony.RelyingPartyId) throw NotAuthorized("The passkey is not registered for this user.");
  if (response.response.userHandle && response.response.userHandle !== helpers().isoBase64URL.fromUTF8String(state.user.Sub)) {
    throw NotAuthorized("The passkey belongs to a different user.");
  }
  const origin = checkCeremony(ceremony, "webauthn.get", response.response.clientDataJSON, assertedData(response), ASSERTION_FAILURES);
  const newCounter = await verifiedCounter(response, ceremony, passkey, origin);
  tablesOf(services).credentials.put(passkeyKey(state.user, passkey.CredentialId), { ...passkey, SignCount: newCounter, LastUsedAt: services.clock.now() });
}

function assertedData(response: AuthenticationResponseJSON): AuthenticatorFacts {
  try {
    return helpers().parseAuthenticatorData(helpers().isoBase64URL.toBuffer(response.response.authenticatorData));
  } catch (error) {
    throw ASSERTION_FAILURES.invalid(`authenticatorData cannot be decoded (${(error as Error).message})`);
  }
}

async function verifiedCounter(response: AuthenticationResponseJSON, ceremony: Ceremony, passkey: WebAuthnCredentialRecord, origin: string): Promise<number> {
  let result: Awaited<ReturnType<typeof WebAuthnLibrary.verifyAuthenticationResponse>>;
  try {
    result = await library().verifyAuthenticationResponse({
      response,
      expectedChallenge: ceremony.Challenge,
      expectedOrigin: origin,
      expectedRPID: ceremony.RelyingPartyId,
      credential: { id: passkey.CredentialId, publicKey: helpers().isoBase64URL.toBuffer(passkey.PublicKey), counter: passkey.SignCount, transports: passkey.AuthenticatorTransports },
      requireUserVerification: ceremony.UserVerification === "required",
    });
  } catch (error) {
    const message = (error as Error).message;
    throw NotAuthorized(/counter/i.test(message) ? "The passkey's signature counter did not increase; it may have been cloned." : `The passkey could not be verified: ${message}`);
  }
  if (!result.verified) throw NotAuthorized("The passkey's signature could not be verified.");
  return result.authenticationInfo.newCounter;
}

// ---- checks shared by both ceremonies -------------------------------------------------------

/** What a ceremony was started with. */
interface Ceremony {
  Challenge: string;
  RelyingPartyId: string;
  UserVerification: "required" | "preferred";
}

/** The exception each failed check raises: registration names Cognito's WebAuthn exceptions, sign-in does not. */
interface CeremonyFailures {
  challenge(message: string): Error;
  origin(message: string): Error;
  relyingParty(message: string): Error;
  unsupported(message: string): Error;
  invalid(message: string): Error;
}

interface AuthenticatorFacts {
  rpIdHash: Uint8Array;
  flags: { up: boolean; uv: boolean };
}

/** The checks Cognito reports by name, before the signature checks of the library; answers the origin they accepted. */
function checkCeremony(ceremony: Ceremony, type: string, clientDataJSON: string, authenticator: AuthenticatorFacts, failures: CeremonyFailures): string {
  const clientData = decodeClientData(clientDataJSON, failures);
  if (clientData.type !== type) throw failures.invalid(`clientDataJSON type is ${String(clientData.type)}, expected ${type}`);
  if (clientData.challenge !== ceremony.Challenge) throw failures.challenge("The passkey response does not answer the current challenge.");
  if (typeof clientData.origin !== "string" || !originAllowed(clientData.origin, ceremony.RelyingPartyId)) {
    throw failures.origin(`Origin ${String(clientData.origin)} is not allowed for relying party ${ceremony.RelyingPartyId}.`);
  }
  const expectedHash = createHash("sha256").update(ceremony.RelyingPartyId).digest();
  if (!expectedHash.equals(Buffer.from(authenticator.rpIdHash))) throw failures.relyingParty(`The passkey was not created for relying party ${ceremony.RelyingPartyId}.`);
  if (!authenticator.flags.up) throw failures.unsupported("The authenticator did not report user presence.");
  if (ceremony.UserVerification === "required" && !authenticator.flags.uv) {
    throw failures.unsupported("The user pool requires user verification, which the authenticator did not perform.");
  }
  return clientData.origin;
}

function decodeClientData(clientDataJSON: string, failures: CeremonyFailures): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(helpers().isoBase64URL.toUTF8String(clientDataJSON));
    if (parsed && typeof parsed === "object") return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw failures.invalid("clientDataJSON is not base64url-encoded JSON");
}

/**
 * An origin may use a relying party that is its host or a parent domain of it, over https, or over
 * http on localhost, as browsers allow.
 */
export function originAllowed(origin: string, rpId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = url.hostname;
  const local = host === "localhost" || host.endsWith(".localhost");
  const secure = url.protocol === "https:" || (url.protocol === "http:" && local);
  return secure && (host === rpId || host.endsWith(`.${rpId}`));
}

/** A credential document (the SDKs send an object; a JSON string is accepted too) with the response members it needs. */
function parseCredential<T extends { id: string; response: object }>(credential: unknown, members: string[], failures: CeremonyFailures): T {
  let value = credential;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw failures.invalid("the credential is not JSON");
    }
  }
  const candidate = value as Partial<T> | null;
  if (!candidate || typeof candidate !== "object" || typeof candidate.id !== "string" || !candidate.response || typeof candidate.response !== "object") {
    throw failures.invalid("the credential needs id and response");
  }
  const response = candidate.response as Record<string, unknown>;
  const missing = members.find((member) => typeof response[member] !== "string");
  if (missing) throw failures.invalid(`response.${missing} is missing`);
  return candidate as T;
}

function descriptor(passkey: WebAuthnCredentialRecord): Record<string, unknown> {
  return { type: "public-key", id: passkey.CredentialId, ...(passkey.AuthenticatorTransports.length ? { transports: [...passkey.AuthenticatorTransports] } : {}) };
}

function newChallenge(): string {
  return randomBytes(32).toString("base64url");
}
