import { createHmac } from "node:crypto";
import { Clock } from "../../../clock";
import {
  claimHolds,
  formatTimestamp,
  modPow,
  N,
  newSalt,
  padHex,
  parseSrpA,
  parseTimestamp,
  passwordX,
  powG,
  readClaim,
  srpPoolName,
  startExchange,
  verifierOf,
} from "./srp";

const AuthenticationHelper = require("amazon-cognito-identity-js/lib/AuthenticationHelper").default;
const BigInteger = require("amazon-cognito-identity-js/lib/BigInteger").default;

/** The client side exactly as amazon-cognito-identity-js computes it. */
async function clientClaim(poolName: string, userId: string, password: string, challenge: { SRP_B: string; SALT: string; SECRET_BLOCK: string }, timestamp: string) {
  const helper = new AuthenticationHelper(poolName);
  const A: string = await new Promise((resolve, reject) => helper.getLargeAValue((err: Error, a: { toString(radix: number): string }) => (err ? reject(err) : resolve(a.toString(16)))));
  const key = (exchangeB: string, salt: string) =>
    new Promise<Buffer>((resolve, reject) =>
      helper.getPasswordAuthenticationKey(userId, password, new BigInteger(exchangeB, 16), new BigInteger(salt, 16), (err: Error, hkdf: Buffer) => (err ? reject(err) : resolve(hkdf))),
    );
  return {
    A,
    sign: async (B: string) => {
      const hkdf = await key(B, challenge.SALT);
      const message = Buffer.concat([Buffer.from(poolName), Buffer.from(userId), Buffer.from(challenge.SECRET_BLOCK, "base64"), Buffer.from(timestamp)]);
      return createHmac("sha256", hkdf).update(message).digest("base64");
    },
  };
}

function naiveModPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  base %= N;
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % N;
    base = (base * base) % N;
    exponent >>= 1n;
  }
  return result;
}

describe("numbers as Cognito hashes them", () => {
  it("pads hex like Java's BigInteger.toByteArray", () => {
    expect(padHex(20n)).toBe("14");
    expect(padHex(236n)).toBe("00ec");
    expect(padHex(200n)).toBe("00c8");
    expect(padHex(0x123n)).toBe("0123");
    expect(padHex(N).startsWith("00ffffffffffffffffc90f")).toBe(true);
  });

  it("exponentiates modulo N in 4-bit windows exactly as bit-by-bit arithmetic does", () => {
    const base = N - 12345678901234567890n;
    // Every hex digit, runs of zero digits, and a full 256-bit exponent as SRP uses.
    for (const exponent of [0xfedcba9876543210fedcba9876543210fedcba9876543210n, 0x1000000f00000001n, 2n ** 256n - 1n, 16n, 1n]) {
      expect(modPow(base, exponent)).toBe(naiveModPow(base, exponent));
      expect(powG(exponent)).toBe(naiveModPow(2n, exponent));
    }
    expect(modPow(base + 3n * N, 77n)).toBe(naiveModPow(base, 77n));
    expect(modPow(1n, 5n)).toBe(1n);
    expect(modPow(N - 1n, 3n)).toBe(N - 1n);
    expect(modPow(N - 1n, 4n)).toBe(1n);
    expect(modPow(7n, 0n)).toBe(1n);
  });

  it("costs milliseconds per exchange on every Node line", () => {
    // Building a DiffieHellman object from this prime takes seconds on Node 24, which checks the
    // prime each time; an exchange (B, then the session key) is four powers. The bound is loose
    // for a busy machine and still far below what three such objects cost.
    const started = performance.now();
    const verifier = verifierOf(passwordX("AbCd1234", "alice", "Passw0rd!", newSalt()));
    const exchange = startExchange(powG(0xabcdefn), verifier);
    claimHolds(new Clock(), exchange, verifier, { poolName: "AbCd1234", userId: "alice" }, { signature: "", secretBlock: exchange.secretBlock, timestamp: new Date() });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("keeps salts in the form the client re-pads them to", () => {
    for (let i = 0; i < 50; i++) {
      const salt = newSalt();
      expect(padHex(BigInt(`0x${salt}`))).toBe(salt);
    }
  });

  it("reads the pool name from the pool id", () => {
    expect(srpPoolName("us-east-1_AbCd1234")).toBe("AbCd1234");
  });
});

describe("SRP_A", () => {
  it("refuses values that are not hex or are 0 mod N", () => {
    expect(() => parseSrpA("xyz")).toThrow(expect.objectContaining({ code: "InvalidParameterException" }));
    expect(() => parseSrpA(N.toString(16))).toThrow(expect.objectContaining({ code: "InvalidParameterException", message: "SRP_A cannot be 0 mod N." }));
    expect(() => parseSrpA("0")).toThrow(expect.objectContaining({ code: "InvalidParameterException" }));
    expect(parseSrpA("abc")).toBe(0xabcn);
  });
});

describe("timestamps", () => {
  it("formats as Cognito's clients do: day without a leading zero, UTC", () => {
    expect(formatTimestamp(new Date(Date.UTC(2024, 8, 5, 7, 3, 9)))).toBe("Thu Sep 5 07:03:09 UTC 2024");
  });

  it("parses leniently, as Java does, and refuses what is not a date", () => {
    expect(parseTimestamp("Thu Sep 05 07:03:09 UTC 2024")?.toISOString()).toBe("2024-09-05T07:03:09.000Z");
    expect(parseTimestamp("Mon Sep 5 07:03:09 GMT 2024")?.toISOString()).toBe("2024-09-05T07:03:09.000Z");
    expect(parseTimestamp("2024-09-05T07:03:09Z")).toBeUndefined();
    expect(parseTimestamp("Xyz Sep 5 07:03:09 UTC 2024")).toBeUndefined();
    expect(() => readClaim({ PASSWORD_CLAIM_SIGNATURE: "s", PASSWORD_CLAIM_SECRET_BLOCK: "b", TIMESTAMP: "yesterday" })).toThrow(
      expect.objectContaining({ code: "InvalidParameterException", message: "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english." }),
    );
    expect(() => readClaim({ PASSWORD_CLAIM_SECRET_BLOCK: "b", TIMESTAMP: "t" })).toThrow(expect.objectContaining({ message: "Missing required parameter PASSWORD_CLAIM_SIGNATURE" }));
  });
});

describe("a whole exchange against amazon-cognito-identity-js's AuthenticationHelper", () => {
  const poolName = "AbCd1234";
  const userId = "alice";
  const salt = newSalt();
  const verifier = verifierOf(passwordX(poolName, userId, "Passw0rd!", salt));
  const clock = new Clock();

  async function attempt(password: string, options: { timestamp?: Date; signedTimestamp?: string; secretBlock?: string } = {}) {
    const timestamp = options.timestamp ?? clock.date();
    const signedTimestamp = options.signedTimestamp ?? formatTimestamp(timestamp);
    const placeholder = { SRP_B: "", SALT: salt, SECRET_BLOCK: "" };
    const client = await clientClaim(poolName, userId, password, placeholder, signedTimestamp);
    const exchange = startExchange(parseSrpA(client.A), verifier);
    placeholder.SRP_B = exchange.B;
    placeholder.SECRET_BLOCK = exchange.secretBlock;
    const signature = await client.sign(exchange.B);
    const claim = readClaim({ PASSWORD_CLAIM_SIGNATURE: signature, PASSWORD_CLAIM_SECRET_BLOCK: options.secretBlock ?? exchange.secretBlock, TIMESTAMP: signedTimestamp });
    return claimHolds(clock, exchange, verifier, { poolName, userId }, claim);
  }

  it("accepts the right password", async () => {
    await expect(attempt("Passw0rd!")).resolves.toBe(true);
  });

  it("refuses a wrong password, another secret block, and a timestamp signed in another form", async () => {
    await expect(attempt("Wrong-Passw0rd!")).resolves.toBe(false);
    await expect(attempt("Passw0rd!", { secretBlock: Buffer.from("other").toString("base64") })).resolves.toBe(false);
    const date = new Date(Date.UTC(2024, 8, 5, 7, 3, 9));
    clock.offsetSeconds = (date.getTime() - Date.now()) / 1000;
    await expect(attempt("Passw0rd!", { timestamp: date, signedTimestamp: "Thu Sep 05 07:03:09 UTC 2024" })).resolves.toBe(false);
    await expect(attempt("Passw0rd!", { timestamp: date })).resolves.toBe(true);
    clock.offsetSeconds = 0;
  });

  it("allows five minutes of clock skew, against the emulated or the machine's clock", async () => {
    const ms = (minutes: number) => new Date(clock.now() + minutes * 60_000);
    await expect(attempt("Passw0rd!", { timestamp: ms(4.5) })).resolves.toBe(true);
    await expect(attempt("Passw0rd!", { timestamp: ms(-4.5) })).resolves.toBe(true);
    await expect(attempt("Passw0rd!", { timestamp: ms(6) })).resolves.toBe(false);
    await expect(attempt("Passw0rd!", { timestamp: ms(-6) })).resolves.toBe(false);
    clock.advance(86_400);
    await expect(attempt("Passw0rd!", { timestamp: new Date(Date.now()) })).resolves.toBe(true);
    clock.offsetSeconds = 0;
  });
});
