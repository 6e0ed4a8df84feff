import { createHash, randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import type { Services } from "../services/services";
import type { PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import { hostedUiSessions } from "./tables";
import { cookiesOf } from "./http";

/**
 * A browser signed in to a pool's hosted UI: later authorization requests from it skip the sign-in
 * page, as Cognito's session cookie does. Keyed by the cookie value's SHA-256.
 */
export interface BrowserSession {
  UserPoolId: string;
  Sub: string;
  /** Epoch seconds, carried into tokens as auth_time. */
  AuthTime: number;
  /** Epoch ms. */
  ExpiresAt: number;
}

/** Cognito's hosted UI remembers a sign-in for an hour. */
export const BROWSER_SESSION_MS = 60 * 60_000;

const sessions = (services: Services) => hostedUiSessions.open(services);

/** One cookie per pool: every pool's hosted UI shares the emulator's origin. */
const cookieName = (poolId: string) => `cognito-${poolId}`;
const keyOf = (value: string) => createHash("sha256").update(value).digest("hex");

/** The cookie that names a browser session, to set on the response. */
export interface BrowserSessionCookie {
  name: string;
  value: string;
}

/** Remembers a fresh sign-in for the browser; the cookie that names it is set once the request succeeds. */
export function startBrowserSession(services: Services, pool: PoolRecord, user: UserRecord, authTime: number): BrowserSessionCookie {
  const value = randomBytes(32).toString("base64url");
  sessions(services).put(keyOf(value), { UserPoolId: pool.Id, Sub: user.Sub, AuthTime: authTime, ExpiresAt: services.clock.now() + BROWSER_SESSION_MS });
  return { name: cookieName(pool.Id), value };
}

export function setBrowserSessionCookie(res: Response, cookie: BrowserSessionCookie): void {
  res.cookie(cookie.name, cookie.value, { httpOnly: true, sameSite: "lax", path: "/", maxAge: BROWSER_SESSION_MS });
}

/** The user the browser is signed in as, if the session is live and the user may still sign in. */
export function browserSessionUser(services: Services, req: Request, pool: PoolRecord): { user: UserRecord; authTime: number } | undefined {
  const value = cookiesOf(req)[cookieName(pool.Id)];
  const session = value ? sessions(services).get(keyOf(value)) : undefined;
  if (!session || session.UserPoolId !== pool.Id || session.ExpiresAt <= services.clock.now()) return undefined;
  const user = services.tables.userBySub(pool.Id, session.Sub);
  if (!user?.Enabled) return undefined;
  // A global sign-out after this sign-in ends the browser session too.
  if (user.TokensValidAfter !== undefined && session.AuthTime < user.TokensValidAfter) return undefined;
  return { user, authTime: session.AuthTime };
}

export function endBrowserSession(services: Services, req: Request, res: Response, poolId: string): void {
  const value = cookiesOf(req)[cookieName(poolId)];
  if (value) sessions(services).delete(keyOf(value));
  res.clearCookie(cookieName(poolId), { path: "/" });
}
