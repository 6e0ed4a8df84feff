import { createCipheriv, createHash, generateKeyPairSync, hkdfSync, randomBytes, sign } from "node:crypto";

/**
 * The secret (code or temporary password) a custom sender trigger receives, encrypted the way Cognito
 * encrypts it: an AWS Encryption SDK message (format version 1, suite 0x0378: AES-256-GCM, HKDF-SHA384,
 * ECDSA P-384 signature), with the encryption context {"userpool-id": <pool id>}, base64-encoded.
 *
 * Cognito wraps the data key with the pool's KMS key (LambdaConfig.KMSKeyID), which an emulator cannot
 * reach. Here the data key is wrapped as the Encryption SDK's raw AES keyring does, under a key derived
 * from the KMS key id: a function (or test) decrypts with the Encryption SDK by swapping its KMS keyring
 * for a raw AES keyring built from `customSenderKeyring(kmsKeyId)`.
 */
export const SENDER_KEY_NAMESPACE = "cognito-emu";

/** The wrapping key and keyring identity for a KMS key id: namespace "cognito-emu", name = the KMS key id. */
export function customSenderKeyring(kmsKeyId: string): { keyNamespace: string; keyName: string; unencryptedMasterKey: Buffer } {
  return { keyNamespace: SENDER_KEY_NAMESPACE, keyName: kmsKeyId, unencryptedMasterKey: wrappingKey(kmsKeyId) };
}

function wrappingKey(kmsKeyId: string): Buffer {
  return createHash("sha256").update(`cognito-emu custom sender key\0${kmsKeyId}`).digest();
}

const SUITE_ID = 0x0378;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const FRAME_LENGTH = 4096;
const FINAL_FRAME = Buffer.from("AWSKMSEncryptionClient Final Frame", "utf8");
/** The length every Encryption SDK writes P-384 signatures at; DER encodings vary by a byte or two. */
const SIGNATURE_LENGTH = 103;

export function encryptSenderCode(kmsKeyId: string, userPoolId: string, secret: string): string {
  const signing = generateKeyPairSync("ec", { namedCurve: "secp384r1" });
  const context = { "aws-crypto-public-key": compressedPoint(signing.publicKey.export({ format: "jwk" })), "userpool-id": userPoolId };
  const serializedContext = serializeContext(context);

  const dataKey = randomBytes(32);
  const messageId = randomBytes(16);
  const contentKey = Buffer.from(hkdfSync("sha384", dataKey, Buffer.alloc(0), Buffer.concat([uint16(SUITE_ID), messageId]), 32));

  // The raw AES keyring's encrypted data key: provider info is the key name, tag bits, IV length and IV.
  const wrapIv = randomBytes(IV_LENGTH);
  const wrapped = seal(wrappingKey(kmsKeyId), wrapIv, serializedContext, dataKey);
  const providerInfo = Buffer.concat([Buffer.from(kmsKeyId, "utf8"), uint32(TAG_LENGTH * 8), uint32(IV_LENGTH), wrapIv]);

  const headerBody = Buffer.concat([
    Buffer.from([0x01, 0x80]),
    uint16(SUITE_ID),
    messageId,
    lengthPrefixed(serializedContext),
    uint16(1),
    lengthPrefixed(Buffer.from(SENDER_KEY_NAMESPACE, "utf8")),
    lengthPrefixed(providerInfo),
    lengthPrefixed(wrapped),
    Buffer.from([0x02]),
    uint32(0),
    Buffer.from([IV_LENGTH]),
    uint32(FRAME_LENGTH),
  ]);
  const headerIv = Buffer.alloc(IV_LENGTH);
  const header = Buffer.concat([headerBody, headerIv, seal(contentKey, headerIv, headerBody, Buffer.alloc(0))]);

  const content = Buffer.from(secret, "utf8");
  const sequenceNumber = 1;
  const frameIv = Buffer.concat([Buffer.alloc(IV_LENGTH - 4), uint32(sequenceNumber)]);
  const frameAad = Buffer.concat([messageId, FINAL_FRAME, uint32(sequenceNumber), uint64(content.length)]);
  const body = Buffer.concat([uint32(0xffffffff), uint32(sequenceNumber), frameIv, uint32(content.length), seal(contentKey, frameIv, frameAad, content)]);

  const signed = Buffer.concat([header, body]);
  let signature = sign("sha384", signed, { key: signing.privateKey, dsaEncoding: "der" });
  for (let attempt = 0; signature.length !== SIGNATURE_LENGTH && attempt < 64; attempt++) {
    signature = sign("sha384", signed, { key: signing.privateKey, dsaEncoding: "der" });
  }
  return Buffer.concat([signed, lengthPrefixed(signature)]).toString("base64");
}

/** AES-256-GCM: ciphertext followed by the 16-byte tag. */
function seal(key: Buffer, iv: Buffer, aad: Buffer, plaintext: Buffer): Buffer {
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The public key as the Encryption SDK stores it in the context: base64 of the compressed P-384 point. */
function compressedPoint(jwk: { x?: string; y?: string }): string {
  const x = Buffer.from(jwk.x!, "base64url");
  const y = Buffer.from(jwk.y!, "base64url");
  return Buffer.concat([Buffer.from([y[y.length - 1] & 1 ? 0x03 : 0x02]), x]).toString("base64");
}

/** Pair count, then each key and value length-prefixed, keys in byte order. */
function serializeContext(context: Record<string, string>): Buffer {
  const pairs = Object.entries(context)
    .map(([key, value]) => [Buffer.from(key, "utf8"), Buffer.from(value, "utf8")] as const)
    .sort(([a], [b]) => Buffer.compare(a, b));
  return Buffer.concat([uint16(pairs.length), ...pairs.flatMap(([key, value]) => [lengthPrefixed(key), lengthPrefixed(value)])]);
}

function lengthPrefixed(bytes: Buffer): Buffer {
  return Buffer.concat([uint16(bytes.length), bytes]);
}

function uint16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
}

function uint64(value: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(value));
  return buffer;
}
