import { createHash, randomUUID } from "node:crypto";
import type { Services } from "../services/services";
import { oauthCodes } from "./tables";

/** An authorization code's grant; the table is keyed by the code's SHA-256, so it never holds a usable code. */
export interface AuthorizationCode {
  UserPoolId: string;
  ClientId: string;
  Sub: string;
  RedirectUri: string;
  Scopes: string[];
  Nonce?: string;
  /** PKCE S256 challenge the token request's code_verifier must answer. */
  CodeChallenge?: string;
  /** When the user authenticated, epoch seconds. */
  AuthTime: number;
  /** Epoch ms. */
  ExpiresAt: number;
}

/** Codes are single-use and valid five minutes, as Cognito's. */
export const CODE_VALIDITY_MS = 5 * 60_000;

const codes = (services: Services) => oauthCodes.open(services);

const keyOf = (code: string) => createHash("sha256").update(code).digest("hex");

export function issueAuthorizationCode(services: Services, grant: Omit<AuthorizationCode, "ExpiresAt">): string {
  const code = randomUUID();
  codes(services).put(keyOf(code), { ...grant, ExpiresAt: services.clock.now() + CODE_VALIDITY_MS });
  return code;
}

/** The code's grant, consumed: a second redemption finds nothing. Expired codes are consumed too. */
export function redeemAuthorizationCode(services: Services, code: string): AuthorizationCode | undefined {
  const table = codes(services);
  const key = keyOf(code);
  const grant = table.get(key);
  if (!grant) return undefined;
  // Consumed even when the token request then fails (wrong verifier, wrong redirect_uri).
  services.store.keepOnFailure(() => table.delete(key));
  return grant.ExpiresAt > services.clock.now() ? grant : undefined;
}

/** RFC 7636 S256: BASE64URL(SHA256(code_verifier)) must equal the challenge. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  return createHash("sha256").update(verifier).digest("base64url") === challenge;
}
