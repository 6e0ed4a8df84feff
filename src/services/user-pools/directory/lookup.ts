import { ResourceNotFound } from "../../../errors";
import type { Services } from "../../services";
import type { OperationContext } from "../../operation";
import { checkSecretHash } from "../sign-in/client-checks";
import type { ClientRecord, PoolRecord, UserRecord } from "./records";
import { findUser } from "./users";

/** The pool, or Cognito's ResourceNotFoundException. */
export function requirePool(services: Services, userPoolId: string): PoolRecord {
  const pool = services.tables.pools.get(userPoolId);
  if (!pool) throw ResourceNotFound(`User pool ${userPoolId} does not exist.`);
  return pool;
}

/** A client of the given pool, or Cognito's ResourceNotFoundException. */
export function requireClient(services: Services, userPoolId: string, clientId: string): ClientRecord {
  const client = services.tables.clients.get(clientId);
  if (!client || client.UserPoolId !== userPoolId) throw ResourceNotFound(`User pool client ${clientId} does not exist.`);
  return client;
}

/** A client found by id alone (InitiateAuth and friends name only the client). */
export function requireClientById(services: Services, clientId: string): { client: ClientRecord; pool: PoolRecord } {
  const client = services.tables.clients.get(clientId);
  const pool = client && services.tables.pools.get(client.UserPoolId);
  if (!client || !pool) throw ResourceNotFound(`User pool client ${clientId} does not exist.`);
  return { client, pool };
}

/** The user pool an ARN names; Cognito tags nothing else. The id is the ARN's last segment, so this is a key lookup. */
export function requirePoolByArn(services: Services, arn: string): PoolRecord {
  const pool = services.tables.pools.get(arn.slice(arn.lastIndexOf("/") + 1));
  if (!pool || pool.Arn !== arn) throw ResourceNotFound(`Resource ${arn} does not exist.`);
  return pool;
}

/**
 * The prologue of the unauthenticated calls that name a client and a user (ConfirmSignUp,
 * ForgotPassword, ...): the client and its pool, the user if there is one, and the client's SECRET_HASH
 * checked against the name given or the user's stored username.
 */
export function clientAndUser(
  ctx: OperationContext,
  input: { ClientId?: string; Username?: string; SecretHash?: string },
): { client: ClientRecord; pool: PoolRecord; user: UserRecord | undefined } {
  const { client, pool } = requireClientById(ctx.services, input.ClientId!);
  ctx.logFields.userPoolId = pool.Id;
  const user = findUser(ctx.services, pool, input.Username!);
  checkSecretHash(client, input.Username!, input.SecretHash, user ? [user.Username] : []);
  return { client, pool, user };
}
