import { checkPasswordPolicy, generateTemporaryPassword, hashPassword, isPasswordHash, passwordCredentials, verifyPassword } from "./passwords";
import { passwordX, verifierOf } from "./srp";
import type { PoolRecord } from "../directory/records";

const pool = (policy = {}) => ({ Id: "us-east-1_abc", Name: "p", Region: "us-east-1", Policies: { PasswordPolicy: policy } }) as unknown as PoolRecord;

describe("passwords", () => {
  it("hashes with a salt and verifies only the right password", () => {
    const hash = hashPassword("Passw0rd!");
    expect(hash).not.toContain("Passw0rd!");
    expect(isPasswordHash(hash)).toBe(true);
    expect(hashPassword("Passw0rd!")).not.toBe(hash);
    expect(verifyPassword("Passw0rd!", hash)).toBe(true);
    expect(verifyPassword("passw0rd!", hash)).toBe(false);
    expect(verifyPassword("Passw0rd!", undefined)).toBe(false);
    expect(verifyPassword("Passw0rd!", "plain")).toBe(false);
  });

  it("checks a password it matched before without scrypt, still refusing any other", () => {
    const hash = hashPassword("Passw0rd!");
    expect(verifyPassword("Passw0rd!", hash)).toBe(true);
    // Matched once: the same and other passwords are told apart from the cached digest alone.
    expect(verifyPassword("Passw0rd!", hash)).toBe(true);
    expect(verifyPassword("Passw0rd?", hash)).toBe(false);
    expect(verifyPassword("", hash)).toBe(false);
    expect(verifyPassword("Passw0rd!", hashPassword("Other1!"))).toBe(false);
  });

  it("keeps SRP's salt and x with every password, never the password, and leaves the verifier for later", () => {
    const credentials = passwordCredentials(pool(), "alice", "Passw0rd!");
    expect(verifyPassword("Passw0rd!", credentials.PasswordHash)).toBe(true);
    expect(credentials.SrpX).toBe(passwordX("abc", "alice", "Passw0rd!", credentials.SrpSalt!));
    expect(credentials.SrpX).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(credentials)).not.toContain("Passw0rd!");
    expect(credentials).toHaveProperty("SrpVerifier", undefined);
    expect(passwordCredentials(pool(), "alice", "Passw0rd!").SrpSalt).not.toBe(credentials.SrpSalt);
    expect(verifierOf(credentials.SrpX!)).toMatch(/^[0-9a-f]+$/);
  });

  it("enforces the pool policy with Cognito's messages", () => {
    const strict = pool();
    const message = (pw: string) => {
      try {
        checkPasswordPolicy(strict, pw);
        return "ok";
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    expect(message("Sh0rt!")).toBe("InvalidPasswordException: Password did not conform with policy: Password not long enough");
    expect(message("PASSW0RD!")).toBe("InvalidPasswordException: Password did not conform with policy: Password must have lowercase characters");
    expect(message("passw0rd!")).toBe("InvalidPasswordException: Password did not conform with policy: Password must have uppercase characters");
    expect(message("Password!")).toBe("InvalidPasswordException: Password did not conform with policy: Password must have numeric characters");
    expect(message("Passw0rdd")).toBe("InvalidPasswordException: Password did not conform with policy: Password must have symbol characters");
    expect(message("Passw0rd!")).toBe("ok");
    expect(() => checkPasswordPolicy(pool({ MinimumLength: 6, RequireSymbols: false, RequireUppercase: false }), "abc123")).not.toThrow();
  });

  it("counts every character Cognito calls a symbol, and no other, as one", () => {
    const strict = pool();
    for (const symbol of `^$*.[]{}()?"!@#%&/\\,><':;|_~\`=+-`) expect(() => checkPasswordPolicy(strict, `Passw0rd${symbol}`)).not.toThrow();
    for (const other of ["a", "0", "é", "€", "\t", "¡"]) expect(() => checkPasswordPolicy(strict, `Passw0rd${other}`)).toThrow(/symbol characters/);
    // A space inside counts for nothing (and one at either end is refused anyway).
    expect(() => checkPasswordPolicy(strict, "Pass w0rd")).toThrow(/symbol characters/);
  });

  it("generates temporary passwords that satisfy the policy", () => {
    const strict = pool({ MinimumLength: 12 });
    for (let i = 0; i < 50; i++) {
      const password = generateTemporaryPassword(strict);
      expect(password).toHaveLength(12);
      expect(() => checkPasswordPolicy(strict, password)).not.toThrow();
    }
  });
});
