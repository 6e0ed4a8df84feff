import { createHash, sign } from "node:crypto";
import type { PoolKey } from "./keys";
import type { TokenPool } from "./subjects";

/** Cognito's signing certificates are valid for ten years from issue. */
const VALIDITY_YEARS = 10;
const SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
const COMMON_NAME = "2.5.4.3";

/** Built certificates, by the key they certify; the pool's creation time tells a recreated pool apart. */
const issued = new WeakMap<PoolKey, { poolCreated: number; base64: string; pem: string }>();

/**
 * A self-signed X.509 certificate over the pool's ID-token key pair, issued at the pool's creation. Every
 * part of it derives from the pool and its key (RSA PKCS#1 v1.5 signatures are deterministic), so the
 * same pool always answers the same certificate without storing one.
 */
export function poolSigningCertificate(pool: TokenPool, idTokenKey: PoolKey): string {
  return poolCertificate(pool, idTokenKey).pem;
}

/** The same certificate's DER in base64 on one line, as a SAML provider's ActiveEncryptionCertificate shows it. */
export function poolSigningCertificateBase64(pool: TokenPool, idTokenKey: PoolKey): string {
  return poolCertificate(pool, idTokenKey).base64;
}

function poolCertificate(pool: TokenPool, idTokenKey: PoolKey): { base64: string; pem: string } {
  let certificate = issued.get(idTokenKey);
  if (certificate?.poolCreated !== pool.CreationDate) {
    const base64 = selfSignedCertificate(pool, idTokenKey).toString("base64");
    certificate = { poolCreated: pool.CreationDate, base64, pem: toPem(base64) };
    issued.set(idTokenKey, certificate);
  }
  return certificate;
}

function selfSignedCertificate(pool: TokenPool, key: PoolKey): Buffer {
  const subject = sequence(set(sequence(objectId(COMMON_NAME), utf8(pool.Id))));
  const notBefore = new Date(Math.floor(pool.CreationDate / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const signatureAlgorithm = sequence(objectId(SHA256_WITH_RSA), der(0x05));
  const toBeSigned = sequence(
    der(0xa0, integer(Buffer.from([2]))), // version 3
    integer(createHash("sha256").update(pool.Id).digest().subarray(0, 16)),
    signatureAlgorithm,
    subject, // issuer: self-signed
    sequence(time(notBefore), time(notAfter)),
    subject,
    key.publicKey.export({ type: "spki", format: "der" }),
  );
  const signature = sign("sha256", toBeSigned, key.privateKey);
  return sequence(toBeSigned, signatureAlgorithm, der(0x03, Buffer.from([0]), signature));
}

function toPem(base64: string): string {
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

// Just enough DER for one certificate.

function der(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const sequence = (...contents: Buffer[]) => der(0x30, ...contents);
const set = (...contents: Buffer[]) => der(0x31, ...contents);
const utf8 = (text: string) => der(0x0c, Buffer.from(text, "utf8"));

/** A non-negative INTEGER: no redundant leading zeros, and a zero byte where the high bit would read as a sign. */
function integer(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  return der(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function objectId(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split(".").map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) base128.unshift((value & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 requires. */
function time(date: Date): Buffer {
  const stamp = date.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
  return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(stamp.slice(2), "ascii")) : der(0x18, Buffer.from(stamp, "ascii"));
}
