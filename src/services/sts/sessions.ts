import { createHash, randomBytes } from "node:crypto";
import { ExpiredToken, InvalidClientTokenId, ServiceError } from "../../errors";
import { randomString } from "../../ids";
import type { StoreHolder } from "../../store/schema";
import type { Table } from "../../store/table";
import type { OperationContext } from "../operation";
import type { Services } from "../services";
import { stsSessions } from "./tables";

const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Who a request acts as, as GetCallerIdentity reports it. */
export interface Principal {
  Account: string;
  Arn: string;
  UserId: string;
}

/**
 * Temporary credentials the emulator issued: a row of `stsSessions`, keyed by access key id. Neither the
 * secret nor the session token is kept (signatures are not checked); a digest of the token lets a
 * request's X-Amz-Security-Token be matched.
 */
export interface SessionRecord extends Principal {
  AccessKeyId: string;
  SessionTokenHash: string;
  /** Epoch ms. */
  Expiration: number;
  RoleArn?: string;
  SessionName?: string;
  /** Credentials from an identity pool name the identity. */
  IdentityId?: string;
}

export interface IssuedCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: Date;
}

/** An IAM role ARN taken apart; the id is stable per ARN, as IAM's role ids are per role. */
export interface RoleRef {
  arn: string;
  account: string;
  name: string;
  id: string;
}

const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;

export function parseRoleArn(arn: string): RoleRef | undefined {
  const match = ROLE_ARN.exec(arn);
  if (!match) return undefined;
  return { arn, account: match[1], name: match[2], id: `AROA${stableId(arn, 17)}` };
}

/** The principal of a role session: `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
export function assumedRole(role: RoleRef, sessionName: string): Principal & { AssumedRoleId: string } {
  const AssumedRoleId = `${role.id}:${sessionName}`;
  return { Account: role.account, Arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`, UserId: AssumedRoleId, AssumedRoleId };
}

/** The account's root user: who long-term keys the emulator does not know act as. */
export function accountRoot(services: Services): Principal {
  const account = services.options.accountId;
  return { Account: account, Arn: `arn:aws:iam::${account}:root`, UserId: account };
}

export function isRootUser(principal: Principal): boolean {
  return /^arn:aws(?:-[a-z]+)*:iam::\d{12}:root$/.test(principal.Arn);
}

/** Federated-user sessions may call no STS operation but GetCallerIdentity. */
export function isFederatedUser(principal: Principal): boolean {
  return principal.Arn.includes(":federated-user/");
}

/** The sessions of this emulator's store. */
export function sessionTable(holder: StoreHolder): Table<SessionRecord> {
  return stsSessions.open(holder);
}

/** Mints temporary credentials (ASIA access key ids) acting as `principal`, expiring by the emulator's clock. */
export function issueCredentials(
  services: Services,
  principal: Principal & Pick<SessionRecord, "RoleArn" | "SessionName" | "IdentityId">,
  durationSeconds: number,
): IssuedCredentials {
  const AccessKeyId = `ASIA${randomString(16, UPPER_ALNUM)}`;
  const SessionToken = randomBytes(240).toString("base64");
  // AWS states expirations to the second.
  const Expiration = (services.clock.nowSeconds() + durationSeconds) * 1000;
  sessionTable(services.store).put(AccessKeyId, { ...principal, AccessKeyId, SessionTokenHash: digest(SessionToken), Expiration });
  return { AccessKeyId, SecretAccessKey: randomString(40, SECRET_ALPHABET), SessionToken, Expiration: new Date(Expiration) };
}

/** The emulator-issued credentials a request is signed with, or STS's InvalidClientTokenId / ExpiredToken. */
export function requireSession(ctx: OperationContext): SessionRecord {
  const { services, accessKeyId } = ctx;
  const session = accessKeyId ? sessionTable(services.store).get(accessKeyId) : undefined;
  const token = ctx.headers["x-amz-security-token"];
  if (!session || typeof token !== "string" || digest(token) !== session.SessionTokenHash) {
    throw InvalidClientTokenId("The security token included in the request is invalid.");
  }
  if (session.Expiration <= services.clock.now()) throw ExpiredToken("The security token included in the request is expired");
  return session;
}

/**
 * Who calls AssumeRole or GetSessionToken: the session of emulator-issued credentials, or, for any other
 * access key, the account's root user (tests sign with made-up long-term keys).
 */
export function callerOf(ctx: OperationContext): { principal: Principal; session?: SessionRecord } {
  const { accessKeyId } = ctx;
  if (!accessKeyId) throw new ServiceError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
  if (accessKeyId.startsWith("ASIA") || sessionTable(ctx.services.store).has(accessKeyId)) {
    const session = requireSession(ctx);
    return { principal: session, session };
  }
  return { principal: accountRoot(ctx.services) };
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

function stableId(seed: string, length: number): string {
  const bytes = createHash("sha256").update(seed).digest();
  let out = "";
  for (let i = 0; i < length; i++) out += UPPER_ALNUM[bytes[i] % UPPER_ALNUM.length];
  return out;
}
