import { servicesTestbed } from "../../testing";
import type { UserRecord } from "../directory/records";
import { base32Decode, base32Encode, matchingStep, newTotpSecret, pendingSecret, setPendingSecret, timeStep, totpCode, useTotpCode } from "./totp";

/** RFC 6238 appendix B's SHA-1 secret, "12345678901234567890", in base32. */
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

function testbed() {
  const { services } = servicesTestbed();
  // Software-token state is kept per pool and sub; nothing else of the user matters here.
  const user = { UserPoolId: "us-east-1_TotpTest1", Sub: "6f3c2b1a-0000-4000-8000-000000000001" } as UserRecord;
  return { services, user, clock: services.clock };
}

describe("base32", () => {
  it("round-trips bytes and reads secrets the way authenticator apps do", () => {
    expect(base32Encode(Buffer.from("12345678901234567890"))).toBe(RFC_SECRET);
    expect(base32Decode(RFC_SECRET).toString()).toBe("12345678901234567890");
    expect(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq==").toString()).toBe("12345678901234567890");
    expect(() => base32Decode("not base32!")).toThrow();
  });

  it("makes 52-character secrets from 32 random bytes, as Cognito's", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{52}$/);
    expect(base32Decode(secret)).toHaveLength(32);
    expect(newTotpSecret()).not.toBe(secret);
  });
});

describe("RFC 6238 codes", () => {
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1111111111, "050471"],
    [1234567890, "005924"],
    [2000000000, "279037"],
    [20000000000, "353130"],
  ])("at %i seconds the code is the last six digits of the RFC's", (seconds, code) => {
    expect(totpCode(RFC_SECRET, timeStep(seconds * 1000))).toBe(code);
  });

  it("accepts codes one 30-second step early or late, and no further", () => {
    const now = 1_700_000_000_000;
    const step = timeStep(now);
    expect(matchingStep(RFC_SECRET, totpCode(RFC_SECRET, step), now)).toBe(step);
    expect(matchingStep(RFC_SECRET, totpCode(RFC_SECRET, step - 1), now)).toBe(step - 1);
    expect(matchingStep(RFC_SECRET, totpCode(RFC_SECRET, step + 1), now)).toBe(step + 1);
    for (const far of [step - 2, step + 2]) {
      const code = totpCode(RFC_SECRET, far);
      // Skip the rare step whose code happens to repeat inside the window.
      const inWindow = [step - 1, step, step + 1].some((s) => totpCode(RFC_SECRET, s) === code);
      if (!inWindow) expect(matchingStep(RFC_SECRET, code, now)).toBeUndefined();
    }
  });
});

describe("spending codes", () => {
  it("accepts a code once and refuses it and older codes afterwards", () => {
    const { services, user, clock } = testbed();
    const step = timeStep(clock.now());
    const previous = totpCode(RFC_SECRET, step - 1);
    const current = totpCode(RFC_SECRET, step);
    expect(useTotpCode(services, user, RFC_SECRET, current)).toBe("valid");
    expect(useTotpCode(services, user, RFC_SECRET, current)).toBe("reused");
    if (previous !== current) expect(useTotpCode(services, user, RFC_SECRET, previous)).toBe("reused");
    expect(useTotpCode(services, user, RFC_SECRET, current === "000000" ? "000001" : "000000")).not.toBe("valid");
    clock.advance(30);
    expect(useTotpCode(services, user, RFC_SECRET, totpCode(RFC_SECRET, step + 1))).toBe("valid");
  });

  it("keeps a pending secret per user until it is cleared", () => {
    const { services, user } = testbed();
    expect(pendingSecret(services, user)).toBeUndefined();
    setPendingSecret(services, user, RFC_SECRET);
    expect(pendingSecret(services, user)).toBe(RFC_SECRET);
    setPendingSecret(services, user, undefined);
    expect(pendingSecret(services, user)).toBeUndefined();
  });
});
