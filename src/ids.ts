import { randomBytes, randomInt, randomUUID } from "node:crypto";

const ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz";

export function randomString(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** `us-east-1_AbCd12345`: region, underscore, nine alphanumerics, as Cognito's pool ids. */
export const userPoolId = (region: string) => `${region}_${randomString(9)}`;
/** Cognito app client ids: 26 lowercase alphanumerics. */
export const clientId = () => randomString(26, LOWER_ALNUM);
/** Cognito app client secrets: 51 lowercase alphanumerics. */
export const clientSecret = () => randomString(51, LOWER_ALNUM);
export const uuid = () => randomUUID();
/** A numeric code of the given length (confirmation and MFA codes). */
export const numericCode = (digits = 6) => String(randomInt(0, 10 ** digits)).padStart(digits, "0");
