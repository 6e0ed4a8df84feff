import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";

/*
 * A software WebAuthn authenticator for tests: a real key pair per credential, attestation objects and
 * assertions built byte for byte as the WebAuthn spec lays them out, and signed with node:crypto. It
 * answers the JSON options Cognito hands out and returns the JSON a browser's PublicKeyCredential.toJSON()
 * would, so the emulator verifies exactly what it would verify from a browser.
 */

export type Algorithm = "ES256" | "RS256";
export type AttestationFormat = "none" | "packed";

const COSE_ALG: Record<Algorithm, number> = { ES256: -7, RS256: -257 };
const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_CREDENTIAL = 0x40;

export interface CreationOptionsJson {
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  challenge: string;
  pubKeyCredParams: Array<{ type: string; alg: number }>;
  excludeCredentials?: Array<{ id: string }>;
  authenticatorSelection?: { userVerification?: string };
  timeout?: number;
}

export interface RequestOptionsJson {
  challenge: string;
  rpId?: string;
  allowCredentials?: Array<{ id: string; type: string; transports?: string[] }>;
  userVerification?: string;
  timeout?: number;
}

export interface AuthenticatorSettings {
  algorithm?: Algorithm;
  attestation?: AttestationFormat;
  /** Whether the authenticator verifies its user (PIN, biometrics) when asked. */
  verifiesUser?: boolean;
  origin?: string;
  transports?: string[];
  aaguid?: Buffer;
}

/** Ways a test bends one ceremony to check that the emulator refuses it. */
export interface CeremonyOverrides {
  origin?: string;
  challenge?: string;
  /** Hashed into authenticatorData instead of the options' RP ID. */
  rpId?: string;
  type?: string;
  userPresent?: boolean;
  userVerified?: boolean;
  /** The signature counter to report instead of the next one. */
  signCount?: number;
  /** Flip a bit of the signature. */
  corruptSignature?: boolean;
  /** Answer with this credential id. */
  credentialId?: string;
}

interface Credential {
  id: Buffer;
  privateKey: KeyObject;
  cosePublicKey: Buffer;
  rpId: string;
  userHandle: string;
  signCount: number;
}

export class SoftwareAuthenticator {
  readonly algorithm: Algorithm;
  readonly attestation: AttestationFormat;
  readonly origin: string;
  private readonly settings: AuthenticatorSettings;
  private credential?: Credential;

  constructor(settings: AuthenticatorSettings = {}) {
    this.settings = settings;
    this.algorithm = settings.algorithm ?? "ES256";
    this.attestation = settings.attestation ?? "none";
    this.origin = settings.origin ?? "http://localhost:3000";
  }

  /** The credential id (base64url) of the passkey this authenticator made. */
  get credentialId(): string {
    if (!this.credential) throw new Error("no credential registered yet");
    return this.credential.id.toString("base64url");
  }

  get signCount(): number {
    return this.credential?.signCount ?? 0;
  }

  /** navigator.credentials.create(): a new key pair, answered as RegistrationResponseJSON. */
  register(options: CreationOptionsJson, overrides: CeremonyOverrides = {}): Record<string, unknown> {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    if (!options.pubKeyCredParams.some((param) => param.alg === COSE_ALG[this.algorithm])) throw new Error(`${this.algorithm} not offered`);
    const { privateKey, cosePublicKey } = newKeyPair(this.algorithm);
    const credential: Credential = { id: randomBytes(32), privateKey, cosePublicKey, rpId, userHandle: options.user.id, signCount: 0 };
    this.credential = credential;
    const clientDataJSON = this.clientData("webauthn.create", options.challenge, overrides);
    const flags = this.flags(options.authenticatorSelection?.userVerification, overrides) | FLAG_ATTESTED_CREDENTIAL;
    const authData = Buffer.concat([
      rpIdHash(overrides.rpId ?? rpId),
      Buffer.from([flags]),
      uint32(overrides.signCount ?? 0),
      this.settings.aaguid ?? Buffer.alloc(16),
      uint16(credential.id.length),
      credential.id,
      cosePublicKey,
    ]);
    const attestationObject = cbor(
      new Map<string, unknown>([
        ["fmt", this.attestation],
        ["attStmt", this.attestationStatement(authData, clientDataJSON, overrides)],
        ["authData", authData],
      ]),
    );
    return {
      id: credential.id.toString("base64url"),
      rawId: credential.id.toString("base64url"),
      type: "public-key",
      response: {
        clientDataJSON: clientDataJSON.toString("base64url"),
        attestationObject: attestationObject.toString("base64url"),
        transports: this.settings.transports ?? ["internal"],
        publicKeyAlgorithm: COSE_ALG[this.algorithm],
        authenticatorData: authData.toString("base64url"),
      },
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get(): signs the challenge, answered as AuthenticationResponseJSON. */
  authenticate(options: RequestOptionsJson, overrides: CeremonyOverrides = {}): Record<string, unknown> {
    const credential = this.credential;
    if (!credential) throw new Error("no credential registered yet");
    const allowed = options.allowCredentials ?? [];
    if (allowed.length > 0 && !allowed.some((c) => c.id === credential.id.toString("base64url"))) throw new Error("credential not allowed");
    credential.signCount = overrides.signCount ?? credential.signCount + 1;
    const clientDataJSON = this.clientData("webauthn.get", options.challenge, overrides);
    const authData = Buffer.concat([rpIdHash(overrides.rpId ?? options.rpId ?? credential.rpId), Buffer.from([this.flags(options.userVerification, overrides)]), uint32(credential.signCount)]);
    const signature = signWith(credential.privateKey, Buffer.concat([authData, sha256(clientDataJSON)]), overrides.corruptSignature);
    const id = overrides.credentialId ?? credential.id.toString("base64url");
    return {
      id,
      rawId: id,
      type: "public-key",
      response: {
        clientDataJSON: clientDataJSON.toString("base64url"),
        authenticatorData: authData.toString("base64url"),
        signature: signature.toString("base64url"),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
    };
  }

  private clientData(type: string, challenge: string, overrides: CeremonyOverrides): Buffer {
    return Buffer.from(JSON.stringify({ type: overrides.type ?? type, challenge: overrides.challenge ?? challenge, origin: overrides.origin ?? this.origin, crossOrigin: false }));
  }

  private flags(requested: string | undefined, overrides: CeremonyOverrides): number {
    const present = overrides.userPresent ?? true;
    const verified = overrides.userVerified ?? ((this.settings.verifiesUser ?? true) && requested !== "discouraged");
    return (present ? FLAG_USER_PRESENT : 0) | (verified ? FLAG_USER_VERIFIED : 0);
  }

  /** "none" says nothing; "packed" self-attestation signs authData and the client data hash with the credential key. */
  private attestationStatement(authData: Buffer, clientDataJSON: Buffer, overrides: CeremonyOverrides): Map<string, unknown> {
    if (this.attestation === "none") return new Map();
    const signature = signWith(this.credential!.privateKey, Buffer.concat([authData, sha256(clientDataJSON)]), overrides.corruptSignature);
    return new Map<string, unknown>([
      ["alg", COSE_ALG[this.algorithm]],
      ["sig", signature],
    ]);
  }
}

function newKeyPair(algorithm: Algorithm): { privateKey: KeyObject; cosePublicKey: Buffer } {
  if (algorithm === "ES256") {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const cose = new Map<number, unknown>([
      [1, 2], // kty: EC2
      [3, COSE_ALG.ES256],
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x!, "base64url")],
      [-3, Buffer.from(jwk.y!, "base64url")],
    ]);
    return { privateKey, cosePublicKey: cbor(cose) };
  }
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  const cose = new Map<number, unknown>([
    [1, 3], // kty: RSA
    [3, COSE_ALG.RS256],
    [-1, Buffer.from(jwk.n!, "base64url")],
    [-2, Buffer.from(jwk.e!, "base64url")],
  ]);
  return { privateKey, cosePublicKey: cbor(cose) };
}

/** ECDSA signatures come out DER-encoded, as WebAuthn wants them; RSA ones as PKCS#1 v1.5. */
function signWith(key: KeyObject, data: Buffer, corrupt = false): Buffer {
  const signature = sign("sha256", data, key);
  if (corrupt) signature[signature.length - 1] ^= 0x01;
  return signature;
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest();
const rpIdHash = (rpId: string) => sha256(Buffer.from(rpId));

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

function uint16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

/**
 * The little CBOR (RFC 8949) WebAuthn needs: unsigned and negative integers, byte and text strings,
 * arrays, and maps, which are written in the order given (tests give them in CTAP2's canonical order).
 */
export function cbor(value: unknown): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  throw new Error(`cbor: cannot encode ${typeof value}`);
}

function head(major: number, length: number): Buffer {
  const type = major << 5;
  if (length < 24) return Buffer.from([type | length]);
  if (length < 0x100) return Buffer.from([type | 24, length]);
  if (length < 0x10000) return Buffer.concat([Buffer.from([type | 25]), uint16(length)]);
  return Buffer.concat([Buffer.from([type | 26]), uint32(length)]);
}
