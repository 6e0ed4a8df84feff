import { randomBytes } from "node:crypto";
import { ServiceError } from "../../../errors";
import type { Services } from "../../services";
import type { ClientRecord } from "../directory/records";
import { authSessions } from "./tables";

/** The server side of a challenge's `Session`: who is signing in, where they are, until when. */
export interface AuthSession {
  UserPoolId: string;
  ClientId: string;
  Username: string;
  ChallengeName: string;
  ExpiresAt: number;
  /** Challenge-specific facts (e.g. the SRP exchange), never sent to the client. */
  Data?: Record<string, unknown>;
  /**
   * A value the client echoes that finds the session when it sends none: Cognito answers USER_SRP_AUTH
   * without a Session, so clients written against it answer PASSWORD_VERIFIER with the secret block only.
   */
  LookupKey?: string;
}

/**
 * Cognito's NotAuthorizedException for a challenge session that is unknown, answered already, expired, or
 * not one the challenge can continue. Its own class, so that callers (the hosted UI) can start the
 * sign-in over without reading messages.
 */
export class InvalidSessionError extends ServiceError {
  constructor(message = "Invalid session for the user.") {
    super("NotAuthorizedException", message);
  }
}

const sessions = (services: Services) => authSessions.open(services);

/** Opens a challenge session valid for the client's AuthSessionValidity (minutes, default 3). */
export function openSession(services: Services, client: ClientRecord, session: Omit<AuthSession, "ExpiresAt" | "ClientId">): string {
  const token = randomBytes(96).toString("base64url");
  const minutes = client.AuthSessionValidity ?? 3;
  sessions(services).put(token, { ...session, ClientId: client.ClientId, ExpiresAt: services.clock.now() + minutes * 60_000 });
  return token;
}

/**
 * The session a challenge response names; each session is answered once. Calls that name no client
 * (AssociateSoftwareToken, VerifySoftwareToken by session) leave `clientId` out.
 */
export function takeSession(services: Services, token: string | undefined, clientId?: string, lookupKey?: string): AuthSession {
  const table = sessions(services);
  if (!token && lookupKey) token = table.keysBy("byLookupKey", lookupKey)[0];
  const session = token ? table.get(token) : undefined;
  if (!session || (clientId !== undefined && session.ClientId !== clientId)) throw new InvalidSessionError();
  table.delete(token!);
  if (session.ExpiresAt <= services.clock.now()) throw new InvalidSessionError("Invalid session for the user, session is expired.");
  return session;
}
