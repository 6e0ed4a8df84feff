import type { Request } from "express";
import { readIdpMetadata, SamlMetadataError, type IdpMetadata } from "../../../services/saml/metadata";
import type { Services } from "../../../services/services";
import type { IdentityProviderRecord } from "../../../services/user-pools/directory/identity-providers";
import type { PoolRecord } from "../../../services/user-pools/directory/records";
import { poolSigningCertificate } from "../../../tokens/certificate";
import { requestBaseUrl } from "../../http";

export const ACS_PATH = "/saml2/idpresponse";
export const SLO_PATH = "/saml2/logout";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
const FETCH_TIMEOUT_MS = 5000;
const MAX_METADATA_BYTES = 1_000_000;

/** The entity id Cognito gives a user pool as a SAML service provider (the assertions' Audience). */
export function serviceProviderEntityId(poolId: string): string {
  return `urn:amazon:cognito:sp:${poolId}`;
}

/** The assertion consumer service the browser reaches the emulator at. */
export function assertionConsumerUrl(base: string): string {
  return new URL(ACS_PATH, base).toString();
}

export function singleLogoutUrl(req: Request): string {
  return `${requestBaseUrl(req)}${SLO_PATH}`;
}

/** The metadata of a SAML provider could not be fetched: the sign-in cannot go on. */
export class MetadataUnavailable extends Error {}

/**
 * The IdP's metadata, when the provider has usable metadata: its `MetadataFile`, or a `MetadataURL` on
 * this machine (a test's own IdP; nothing leaves it). Undefined otherwise: the stand-in page plays the
 * provider. A loopback URL that cannot be fetched throws MetadataUnavailable.
 */
export async function providerMetadata(provider: IdentityProviderRecord): Promise<IdpMetadata | undefined> {
  if (provider.ProviderType !== "SAML") return undefined;
  const { MetadataFile: file, MetadataURL: url } = provider.ProviderDetails;
  let document: string | undefined;
  if (file) document = file;
  else if (url && isLoopback(url)) document = await fetchMetadata(url);
  if (document === undefined) return undefined;
  try {
    return await readIdpMetadata(document);
  } catch (error) {
    if (!(error instanceof SamlMetadataError)) throw error;
    if (file) return undefined;
    throw new MetadataUnavailable(`The metadata at ${url} cannot be used: ${error.message}`);
  }
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return LOOPBACK_HOSTS.has(host) || host.startsWith("127.");
  } catch {
    return false;
  }
}

async function fetchMetadata(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw new MetadataUnavailable(`Unable to contact the configured provider at ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new MetadataUnavailable(`The metadata at ${url} answered HTTP ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_METADATA_BYTES) throw new MetadataUnavailable(`The metadata at ${url} is larger than ${MAX_METADATA_BYTES} bytes`);
  return text;
}

/** The pool's SAML key pair: its ID-token key, certified by GetSigningCertificate's certificate. */
export async function poolSamlKeys(services: Services, pool: PoolRecord): Promise<{ privateKey: string; certificate: string }> {
  const { idToken } = await services.tokens.keys.ensure(pool.Id);
  return {
    privateKey: idToken.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    certificate: poolSigningCertificate(pool, idToken),
  };
}

/** ProviderDetails flags are the strings "true" / "false". */
export function detailIsTrue(provider: IdentityProviderRecord, name: string): boolean {
  return provider.ProviderDetails[name]?.toLowerCase() === "true";
}
