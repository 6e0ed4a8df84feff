import { createPrivateKey, createPublicKey, generateKeyPair, randomUUID, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import jwt from "jsonwebtoken";
import type { Services } from "../services";
import { stsWebIdentityKeys } from "./tables";

const generateKeyPairAsync = promisify(generateKeyPair);

/** GetWebIdentityToken's algorithms. */
export const OUTBOUND_ALGORITHMS = ["RS256", "ES384"] as const;
export type OutboundAlgorithm = (typeof OUTBOUND_ALGORITHMS)[number];

/** The namespace STS nests its own claims under. */
export const STS_CLAIMS_NAMESPACE = "https://sts.amazonaws.com/";

/** A signing key: a row of `stsWebIdentityKeys`, keyed by algorithm. */
export interface SigningKeyRecord {
  Kid: string;
  /** PKCS#8 PEM. */
  PrivateKey: string;
}

const parsed = new WeakMap<SigningKeyRecord, KeyObject>();
const generating = new WeakMap<object, Map<OutboundAlgorithm, Promise<SigningKeyRecord>>>();

const keyTable = (services: Services) => stsWebIdentityKeys.open(services);

/**
 * The account's issuer. AWS gives each account its own `https://<id>.tokens.sts.global.api.aws`; here it
 * is a path of the emulator, where the discovery document and keys are served (see routes.ts).
 */
export function outboundIssuer(services: Services, account: string): string {
  return `${services.baseUrl()}/sts/${account}`;
}

/** The algorithm's key, generated on first need and kept even when that request fails. */
async function signingKey(services: Services, alg: OutboundAlgorithm): Promise<SigningKeyRecord> {
  const existing = keyTable(services).get(alg);
  if (existing) return existing;
  let underway = generating.get(services.store);
  if (!underway) generating.set(services.store, (underway = new Map()));
  const inFlight = underway;
  let pending = inFlight.get(alg);
  if (!pending) {
    pending = (async () => {
      const { privateKey } =
        alg === "RS256"
          ? await generateKeyPairAsync("rsa", { modulusLength: 2048, publicExponent: 0x10001 })
          : await generateKeyPairAsync("ec", { namedCurve: "P-384" });
      const raced = keyTable(services).get(alg);
      if (raced) return raced;
      const record = { Kid: randomUUID(), PrivateKey: privateKey.export({ format: "pem", type: "pkcs8" }) as string };
      services.store.keepOnFailure(() => keyTable(services).put(alg, record));
      return record;
    })().finally(() => inFlight.delete(alg));
    inFlight.set(alg, pending);
  }
  return pending;
}

function privateKeyOf(record: SigningKeyRecord): KeyObject {
  let key = parsed.get(record);
  if (!key) parsed.set(record, (key = createPrivateKey(record.PrivateKey)));
  return key;
}

export async function signOutboundToken(services: Services, alg: OutboundAlgorithm, claims: Record<string, unknown>): Promise<string> {
  const key = await signingKey(services, alg);
  return jwt.sign(claims, privateKeyOf(key), { algorithm: alg, keyid: key.Kid });
}

/** The public keys of the tokens issued so far, as a JWKS. */
export function outboundJwks(services: Services): { keys: Array<Record<string, unknown>> } {
  const keys: Array<Record<string, unknown>> = [];
  for (const alg of OUTBOUND_ALGORITHMS) {
    const record = keyTable(services).get(alg);
    if (!record) continue;
    const jwk = createPublicKey(privateKeyOf(record)).export({ format: "jwk" });
    keys.push({ ...jwk, kid: record.Kid, alg, use: "sig" });
  }
  return { keys };
}
