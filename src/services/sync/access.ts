import type { IdentityPoolRecord, IdentityRecord } from "../identity-pools/records";
import { identityPoolTables } from "../identity-pools/tables";
import type { OperationContext } from "../operation";
import { sessionTable } from "../sts/sessions";
import { NotAuthorized, ResourceNotFound } from "./errors";

const NOT_VALID_FOR_RESOURCE = "These credentials are not valid for accessing this resource";

/** The identity a request's credentials belong to, when they are identity-pool credentials the emulator issued. */
export function callerIdentityId(ctx: OperationContext): string | undefined {
  return ctx.accessKeyId ? sessionTable(ctx.services.store).get(ctx.accessKeyId)?.IdentityId : undefined;
}

export function requireSyncPool(ctx: OperationContext, identityPoolId: string): IdentityPoolRecord {
  const pool = identityPoolTables(ctx.services).pools.get(identityPoolId);
  if (!pool) throw ResourceNotFound(`IdentityPool '${identityPoolId}' not found.`);
  return pool;
}

/** Pool-wide operations take developer credentials: Cognito Identity's temporary credentials are refused. */
export function requireDeveloperAccessToAccount(ctx: OperationContext): void {
  if (callerIdentityId(ctx)) throw NotAuthorized(NOT_VALID_FOR_RESOURCE);
}

export function requireDeveloperAccess(ctx: OperationContext, identityPoolId: string): IdentityPoolRecord {
  requireDeveloperAccessToAccount(ctx);
  return requireSyncPool(ctx, identityPoolId);
}

/**
 * The identity whose data a request addresses. Identity credentials reach only their own identity's
 * data; developer credentials (any other signature) reach every identity.
 */
export function requireSyncIdentity(ctx: OperationContext, identityPoolId: string, identityId: string): IdentityRecord {
  const caller = callerIdentityId(ctx);
  if (caller && caller !== identityId) throw NotAuthorized(NOT_VALID_FOR_RESOURCE);
  requireSyncPool(ctx, identityPoolId);
  const identity = identityPoolTables(ctx.services).identities.get(identityId);
  if (!identity || identity.IdentityPoolId !== identityPoolId) throw ResourceNotFound(`Identity '${identityId}' not found.`);
  return identity;
}
