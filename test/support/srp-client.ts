import { createHmac } from "node:crypto";
import {
  AuthenticationDetails,
  type CognitoUserSession,
  CognitoUser,
  CognitoUserPool,
  type ICognitoStorage,
} from "amazon-cognito-identity-js";

/*
 * The client side of Cognito's SRP for tests that drive the API directly, built on
 * amazon-cognito-identity-js's own AuthenticationHelper so that it checks the server against the
 * client the SDKs ship rather than against the server's own arithmetic.
 */
const AuthenticationHelper = require("amazon-cognito-identity-js/lib/AuthenticationHelper").default;
const BigInteger = require("amazon-cognito-identity-js/lib/BigInteger").default;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "ddd MMM d HH:mm:ss UTC yyyy", as the SDKs' DateHelper prints it. */
export function cognitoTimestamp(date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

export interface SrpChallengeParameters {
  SRP_B: string;
  SALT: string;
  SECRET_BLOCK: string;
}

/** One SRP attempt: A to send, then the claim for the server's answer. */
export class SrpClient {
  private readonly helper: { getLargeAValue(cb: (err: Error | null, a: { toString(radix: number): string }) => void): void };
  readonly A: string;

  /** `poolName` is the part of the pool id after "_" (or, for a device, its group key). */
  constructor(private readonly poolName: string) {
    this.helper = new AuthenticationHelper(poolName);
    let A = "";
    this.helper.getLargeAValue((_err, a) => (A = a.toString(16)));
    this.A = A;
  }

  /** The PASSWORD_VERIFIER (or DEVICE_PASSWORD_VERIFIER) responses for `userId` and `password`. */
  async claim(userId: string, password: string, challenge: SrpChallengeParameters, timestamp = cognitoTimestamp()): Promise<Record<string, string>> {
    const hkdf: Buffer = await new Promise((resolve, reject) =>
      (this.helper as unknown as { getPasswordAuthenticationKey: (...args: unknown[]) => void }).getPasswordAuthenticationKey(
        userId,
        password,
        new BigInteger(challenge.SRP_B, 16),
        new BigInteger(challenge.SALT, 16),
        (err: Error | null, key: Buffer) => (err ? reject(err) : resolve(key)),
      ),
    );
    const message = Buffer.concat([Buffer.from(this.poolName), Buffer.from(userId), Buffer.from(challenge.SECRET_BLOCK, "base64"), Buffer.from(timestamp)]);
    return {
      PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: createHmac("sha256", hkdf).update(message).digest("base64"),
      TIMESTAMP: timestamp,
    };
  }
}

/** What a client sends ConfirmDevice for a new device, and the random password it keeps. */
export async function newDeviceSecret(deviceGroupKey: string, deviceKey: string): Promise<{ Salt: string; PasswordVerifier: string; randomPassword: string }> {
  const helper = new AuthenticationHelper(deviceGroupKey);
  await new Promise<void>((resolve, reject) => helper.generateHashDevice(deviceGroupKey, deviceKey, (err: Error | null) => (err ? reject(err) : resolve())));
  return {
    Salt: Buffer.from(helper.getSaltDevices(), "hex").toString("base64"),
    PasswordVerifier: Buffer.from(helper.getVerifierDevices(), "hex").toString("base64"),
    randomPassword: helper.getRandomPassword(),
  };
}

/** Per-test storage, so each "browser" keeps its own tokens and device keys. */
export class MemoryStorage implements ICognitoStorage {
  private readonly items = new Map<string, string>();
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

export interface SignInOutcome {
  session?: CognitoUserSession;
  userConfirmationNecessary?: boolean;
  newPasswordRequired?: { userAttributes: Record<string, string>; requiredAttributes: string[] };
  totpRequired?: boolean;
  user: CognitoUser;
}

/** amazon-cognito-identity-js pointed at the emulator, as one browser with its own storage. */
export class Browser {
  readonly storage = new MemoryStorage();
  readonly pool: CognitoUserPool;

  constructor(endpoint: string, userPoolId: string, clientId: string) {
    this.pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint, Storage: this.storage });
  }

  user(username: string): CognitoUser {
    return new CognitoUser({ Username: username, Pool: this.pool, Storage: this.storage });
  }

  /** CognitoUser.authenticateUser (USER_SRP_AUTH unless the user says otherwise) as a promise. */
  signIn(username: string, password: string, user = this.user(username)): Promise<SignInOutcome> {
    return new Promise((resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
        onSuccess: (session, userConfirmationNecessary) => resolve({ session, userConfirmationNecessary, user }),
        onFailure: reject,
        newPasswordRequired: (userAttributes, requiredAttributes) => resolve({ newPasswordRequired: { userAttributes, requiredAttributes }, user }),
        totpRequired: () => resolve({ totpRequired: true, user }),
      });
    });
  }
}

/** Promisifies a node-style CognitoUser method. */
export function call<T>(fn: (callback: { onSuccess: (result: T) => void; onFailure: (err: Error) => void }) => void): Promise<T> {
  return new Promise((resolve, reject) => fn({ onSuccess: resolve, onFailure: reject }));
}
