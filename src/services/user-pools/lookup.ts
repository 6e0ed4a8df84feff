import { ResourceNotFound } from "../../errors";
import type { Services } from "../services";
import type { ClientRecord, PoolRecord } from "./records";

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
