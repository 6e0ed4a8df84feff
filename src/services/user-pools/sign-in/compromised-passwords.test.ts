import { dictionary } from "@zxcvbn-ts/language-common";
import { servicesTestbed } from "../../testing";
import { isCompromisedPassword, lookupForms } from "./compromised-passwords";
import { setPoolCompromisedPasswords } from "./threat-state";

describe("compromised passwords", () => {
  const { services } = servicesTestbed();

  it("looks up the password case-folded, without its trailing symbols, and without its trailing digits and symbols", () => {
    expect(lookupForms("Password123!")).toEqual(["password123!", "password123", "password"]);
    expect(lookupForms("Summer2024")).toEqual(["summer2024", "summer"]);
    // Stems shorter than four characters are not looked up, and a form is looked up once.
    expect(lookupForms("Xk9!")).toEqual(["xk9!"]);
    expect(lookupForms("dragon")).toEqual(["dragon"]);
    expect(lookupForms("!!!")).toEqual(["!!!"]);
  });

  it("takes the bundled list of commonly breached passwords from @zxcvbn-ts/language-common", () => {
    const list = dictionary["passwords-common"] as string[];
    expect(list.length).toBeGreaterThan(40_000);
    expect(list).toEqual(expect.arrayContaining(["password", "password123", "qwerty", "letmein"]));
    for (const password of ["Password123!", "PASSWORD", "Qwerty2024!", "LetMeIn1", "12345678!"]) {
      expect(isCompromisedPassword(services, "us-east-1_None", password)).toBe(true);
    }
    for (const password of ["Xq7!vLp2#Rt", "correct-Horse-battery-9", "N0t-On-Any-List!"]) {
      expect(isCompromisedPassword(services, "us-east-1_None", password)).toBe(false);
    }
  });

  it("adds the passwords a fixture declares compromised for one pool, by the same rule", () => {
    setPoolCompromisedPasswords(services, "us-east-1_Declared", ["Tr0ub4dor&3x"]);
    expect(isCompromisedPassword(services, "us-east-1_Declared", "tr0ub4dor&3x!!")).toBe(true);
    expect(isCompromisedPassword(services, "us-east-1_Other", "Tr0ub4dor&3x")).toBe(false);
    setPoolCompromisedPasswords(services, "us-east-1_Declared", []);
    expect(isCompromisedPassword(services, "us-east-1_Declared", "Tr0ub4dor&3x")).toBe(false);
  });

  it("scans long passwords in linear time", () => {
    const long = `a${"!".repeat(255)}`;
    const started = performance.now();
    for (let i = 0; i < 1000; i++) lookupForms(long);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
