import { StoppedClock, tokenTestbed } from "../../../tokens/testing";
import { checkCode, CODE_LOCK_MS, consumeCode, findCode, FREE_CODE_ATTEMPTS, issueCode, verifyAttributePurpose } from "./codes";
import { removeUser } from "./users";

function testbed() {
  const bed = tokenTestbed({ clock: new StoppedClock() });
  const { services } = bed;
  return { ...bed, services };
}

const wrongCodeOf = (code: string) => (code === "000000" ? "000001" : "000000");

describe("pending codes", () => {
  it("issues six-digit codes keyed by user and purpose; a new code replaces the old one", () => {
    const { services, user } = testbed();
    const first = issueCode(services, user, "SignUp", { AttributeName: "email" });
    expect(first.Code).toMatch(/^\d{6}$/);
    expect(first).toMatchObject({ AttributeName: "email", FailedAttempts: 0 });
    expect(services.store.table("verificationCodes").has(`${user.UserPoolId}/${user.Sub}/SignUp`)).toBe(true);

    let second = issueCode(services, user, "SignUp");
    while (second.Code === first.Code) second = issueCode(services, user, "SignUp");
    expect(() => checkCode(services, user, "SignUp", first.Code)).toThrow("Invalid verification code provided, please try again.");
    expect(checkCode(services, user, "SignUp", second.Code)).toMatchObject({ Code: second.Code });
    expect(findCode(services, user, "ForgotPassword")).toBeUndefined();
  });

  it("expires sign-up and attribute codes after a day and reset codes after an hour", async () => {
    const { services, user, clock } = testbed();
    const signUp = issueCode(services, user, "SignUp").Code;
    const reset = issueCode(services, user, "ForgotPassword").Code;
    const attribute = issueCode(services, user, verifyAttributePurpose("email")).Code;
    clock.advance(3599);
    expect(checkCode(services, user, "ForgotPassword", reset).Code).toBe(reset);
    clock.advance(1);
    expect(() => checkCode(services, user, "ForgotPassword", reset)).toThrow(expect.objectContaining({ code: "ExpiredCodeException" }));
    clock.advance(86_400 - 3600 - 1);
    expect(checkCode(services, user, "SignUp", signUp).Code).toBe(signUp);
    clock.advance(1);
    expect(() => checkCode(services, user, "SignUp", signUp)).toThrow("Invalid code provided, please request a code again.");
    expect(() => checkCode(services, user, verifyAttributePurpose("email"), attribute)).toThrow(expect.objectContaining({ code: "ExpiredCodeException" }));
  });

  it("asks for a new code when none was sent or the last one was used", () => {
    const { services, user } = testbed();
    expect(() => checkCode(services, user, "ForgotPassword", "123456")).toThrow(expect.objectContaining({ code: "ExpiredCodeException" }));
    const { Code } = issueCode(services, user, "ForgotPassword");
    consumeCode(services, user, "ForgotPassword");
    expect(() => checkCode(services, user, "ForgotPassword", Code)).toThrow(expect.objectContaining({ code: "ExpiredCodeException" }));
  });

  it("refuses every attempt for a while after five wrong codes, the right one and a new one included", async () => {
    const { services, user, clock, store } = testbed();
    const { Code } = issueCode(services, user, "SignUp");
    for (let i = 0; i < FREE_CODE_ATTEMPTS; i++) {
      // Each wrong attempt is counted although its request fails and rolls back.
      await expect(store.transaction(() => checkCode(services, user, "SignUp", wrongCodeOf(Code)))).rejects.toMatchObject({ code: "CodeMismatchException" });
    }
    expect(() => checkCode(services, user, "SignUp", Code)).toThrow(expect.objectContaining({ code: "LimitExceededException", message: "Attempt limit exceeded, please try after some time." }));
    const renewed = issueCode(services, user, "SignUp");
    expect(() => checkCode(services, user, "SignUp", renewed.Code)).toThrow(expect.objectContaining({ code: "LimitExceededException" }));

    clock.advance(CODE_LOCK_MS / 1000);
    expect(checkCode(services, user, "SignUp", renewed.Code).Code).toBe(renewed.Code);
    expect(() => checkCode(services, user, "SignUp", wrongCodeOf(renewed.Code))).toThrow(expect.objectContaining({ code: "CodeMismatchException" }));
    expect(findCode(services, user, "SignUp")).toMatchObject({ FailedAttempts: 1 });
    expect(findCode(services, user, "SignUp")?.LockedUntil).toBeUndefined();
  });

  it("keeps the attempt count per purpose", () => {
    const { services, user } = testbed();
    const signUp = issueCode(services, user, "SignUp");
    const reset = issueCode(services, user, "ForgotPassword");
    for (let i = 0; i < FREE_CODE_ATTEMPTS; i++) expect(() => checkCode(services, user, "SignUp", wrongCodeOf(signUp.Code))).toThrow();
    expect(checkCode(services, user, "ForgotPassword", reset.Code).Code).toBe(reset.Code);
  });

  it("forgets every code of a deleted user", () => {
    const { services, user } = testbed();
    const purposes = ["SignUp", "ForgotPassword", verifyAttributePurpose("email"), verifyAttributePurpose("phone_number")] as const;
    for (const purpose of purposes) issueCode(services, user, purpose);
    removeUser(services, user);
    for (const purpose of purposes) expect(findCode(services, user, purpose)).toBeUndefined();
  });
});
