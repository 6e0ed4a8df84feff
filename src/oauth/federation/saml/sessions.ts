import { createHash, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { inflateRaw } from "node:zlib";
import { SAML } from "@node-saml/node-saml";
import { validateSignature } from "@node-saml/node-saml/lib/xml";
import type { Request, Response } from "express";
import { preferredEndpoint } from "../../../services/saml/metadata";
import type { SamlAssertion } from "../../../services/saml/responses";
import { attributeOf, child, parseXml, SAML_PROTOCOL, type XmlElement, XMLDSIG } from "../../../services/saml/xml";
import type { Services } from "../../../services/services";
import { findIdentityProvider } from "../../../services/user-pools/directory/identity-providers";
import { BROWSER_SESSION_MS } from "../../browser-sessions";
import { html, sendPage } from "../../hosted-ui/layout";
import { cookiesOf, fieldsOf } from "../../http";
import { samlLogouts as samlLogoutsTable, samlSessions as samlSessionsTable } from "../../tables";
import { detailIsTrue, MetadataUnavailable, poolSamlKeys, providerMetadata, serviceProviderEntityId } from "./sp";

const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
/** The user has ten minutes at the IdP's sign-out. */
const LOGOUT_VALIDITY_MS = 10 * 60_000;
const inflate = promisify(inflateRaw);

const cookieName = (poolId: string) => `cognito-saml-${poolId}`;
const keyOf = (value: string) => createHash("sha256").update(value).digest("hex");

/** Remembers the browser's SAML session with the pool, for single logout. */
export function startSamlSession(services: Services, req: Request, res: Response, poolId: string, providerName: string, assertion: SamlAssertion): void {
  const sessions = samlSessionsTable.open(services);
  const earlier = cookiesOf(req)[cookieName(poolId)];
  if (earlier) sessions.delete(keyOf(earlier));
  const value = randomBytes(32).toString("base64url");
  sessions.put(keyOf(value), {
    UserPoolId: poolId,
    ProviderName: providerName,
    NameId: assertion.nameId,
    NameIdFormat: assertion.nameIdFormat,
    SessionIndex: assertion.sessionIndex,
    ExpiresAt: services.clock.now() + BROWSER_SESSION_MS,
  });
  res.cookie(cookieName(poolId), value, { httpOnly: true, sameSite: "lax", path: "/", maxAge: BROWSER_SESSION_MS });
}

/**
 * /logout for a browser signed in through a SAML provider with IDPSignout: the SAML session ends and the
 * browser goes to the IdP's SingleLogoutService with a LogoutRequest (HTTP-Redirect binding, signed with
 * the pool's key, as Cognito's "SAML sign-out flow" describes); `destination` comes after the IdP's
 * LogoutResponse. False when there is no such session: the caller redirects as usual.
 */
export async function redirectToIdpSignOut(services: Services, req: Request, res: Response, poolId: string, destination: string): Promise<boolean> {
  const value = cookiesOf(req)[cookieName(poolId)];
  const session = value ? samlSessionsTable.open(services).get(keyOf(value)) : undefined;
  if (value) {
    samlSessionsTable.open(services).delete(keyOf(value));
    res.clearCookie(cookieName(poolId), { path: "/" });
  }
  if (!session || session.UserPoolId !== poolId || session.ExpiresAt <= services.clock.now()) return false;
  const pool = services.tables.pools.get(poolId);
  const provider = findIdentityProvider(services, poolId, session.ProviderName);
  if (!pool || !provider || !detailIsTrue(provider, "IDPSignout")) return false;
  let metadata: Awaited<ReturnType<typeof providerMetadata>>;
  try {
    metadata = await providerMetadata(provider);
  } catch (error) {
    if (!(error instanceof MetadataUnavailable)) throw error;
    services.log.info(`logout: ${provider.ProviderName}'s metadata is unavailable, so the IdP is not signed out: ${error.message}`);
    return false;
  }
  const endpoint = metadata && preferredEndpoint(metadata.singleLogout);
  if (!metadata || !endpoint) return false;

  const relayState = randomBytes(24).toString("base64url");
  const requestId = `_${randomBytes(16).toString("hex")}`;
  samlLogoutsTable.open(services).put(relayState, {
    UserPoolId: poolId,
    ProviderName: provider.ProviderName,
    RequestId: requestId,
    Destination: destination,
    ExpiresAt: services.clock.now() + LOGOUT_VALIDITY_MS,
  });
  const keys = await poolSamlKeys(services, pool);
  const saml = new SAML({
    entryPoint: endpoint.location,
    logoutUrl: endpoint.location,
    issuer: serviceProviderEntityId(poolId),
    callbackUrl: endpoint.location,
    idpCert: metadata.signingCertificates,
    generateUniqueId: () => requestId,
    privateKey: keys.privateKey,
    signatureAlgorithm: "sha256",
  });
  const profile = { issuer: metadata.entityId, nameID: session.NameId, nameIDFormat: session.NameIdFormat ?? "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified", sessionIndex: session.SessionIndex };
  res.redirect(302, await saml.getLogoutUrlAsync(profile, relayState, {}));
  return true;
}

/**
 * /saml2/logout: the IdP's LogoutResponse (HTTP-POST, or HTTP-Redirect), answering the LogoutRequest
 * RelayState names; the browser then goes where /logout was asked to send it. A signed response must
 * carry a valid signature of the IdP.
 */
export async function samlLogoutResponse(services: Services, req: Request, res: Response): Promise<void> {
  const fields = fieldsOf(req.method === "POST" ? req.body : req.query);
  const relayState = fields.RelayState;
  const pending = relayState ? samlLogoutsTable.open(services).get(relayState) : undefined;
  if (relayState && pending) samlLogoutsTable.open(services).delete(relayState);
  if (!pending || pending.ExpiresAt <= services.clock.now() || !fields.SAMLResponse) return logoutError(res, "This sign-out is no longer pending.");
  const xml = await decodeLogoutResponse(fields.SAMLResponse, req.method !== "POST");
  const root = xml === undefined ? undefined : await parseXml(xml, { fromRequest: true });
  if (root?.localName !== "LogoutResponse" || root.namespaceURI !== SAML_PROTOCOL) return logoutError(res, "Invalid LogoutResponse from identity provider");
  if (attributeOf(root, "InResponseTo") !== pending.RequestId) return logoutError(res, "The LogoutResponse does not answer the sign-out request.");
  const provider = findIdentityProvider(services, pending.UserPoolId, pending.ProviderName);
  const metadata = provider ? await providerMetadata(provider).catch(() => undefined) : undefined;
  if (child(root, XMLDSIG, "Signature") && !(metadata && signatureValid(xml!, root, metadata.signingCertificates))) {
    return logoutError(res, "The LogoutResponse signature is invalid.");
  }
  const status = attributeOf(child(child(root, SAML_PROTOCOL, "Status") ?? root, SAML_PROTOCOL, "StatusCode"), "Value");
  if (status !== SUCCESS) services.log.info(`saml2/logout: ${pending.ProviderName} answered ${status ?? "no status"}; the user's pool session has ended anyway`);
  res.set("cache-control", "no-store").redirect(302, pending.Destination);
}

async function decodeLogoutResponse(base64: string, deflated: boolean): Promise<string | undefined> {
  if (base64.length > 100_000) return undefined;
  const bytes = Buffer.from(base64, "base64");
  try {
    return (deflated ? await inflate(bytes, { maxOutputLength: 1_000_000 }) : bytes).toString("utf8");
  } catch {
    return undefined;
  }
}

function signatureValid(xml: string, root: XmlElement, certificates: string[]): boolean {
  const pems = certificates.map((body) => `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join("\n")}\n-----END CERTIFICATE-----\n`);
  try {
    return validateSignature(xml, root as never, pems);
  } catch {
    return false;
  }
}

function logoutError(res: Response, message: string): void {
  sendPage(res, { poolName: "cognito-emu" }, { title: "An error was encountered with the requested page.", error: message, body: html`` }, 400);
}
