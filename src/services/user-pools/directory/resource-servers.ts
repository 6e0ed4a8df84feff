import type { ResourceServerScopeType, ResourceServerType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, LimitExceeded, ResourceNotFound } from "../../../errors";
import type { Services } from "../../services";
import { pageOf } from "./pools";
import type { PoolRecord, ResourceServerRecord } from "./records";
import { resourceServerKey as keyOf } from "./tables";

/** Cognito's quotas: resource servers per pool, scopes per resource server. */
export const MAX_RESOURCE_SERVERS = 25;
export const MAX_SCOPES = 100;

export interface ResourceServerInput {
  Identifier: string;
  Name: string;
  Scopes?: ResourceServerScopeType[];
}


export function createResourceServer(services: Services, pool: PoolRecord, input: ResourceServerInput): ResourceServerRecord {
  const { resourceServers } = services.tables;
  if (resourceServers.has(keyOf(pool.Id, input.Identifier))) throw InvalidParameter(`${input.Identifier} already exists in user pool ${pool.Id}.`);
  if (resourceServers.countBy("byPool", pool.Id) >= MAX_RESOURCE_SERVERS) {
    throw LimitExceeded(`The user pool ${pool.Id} already has the maximum of ${MAX_RESOURCE_SERVERS} resource servers.`);
  }
  const record: ResourceServerRecord = { UserPoolId: pool.Id, Identifier: input.Identifier, Name: input.Name, Scopes: checkScopes(input.Scopes) };
  resourceServers.put(keyOf(pool.Id, input.Identifier), record);
  return record;
}

export function requireResourceServer(services: Services, poolId: string, identifier: string): ResourceServerRecord {
  const server = services.tables.resourceServers.get(keyOf(poolId, identifier));
  if (!server) throw ResourceNotFound(`Resource server ${identifier} does not exist.`);
  return server;
}

/** UpdateResourceServer replaces the name and the whole scope list; scopes left out are gone. */
export function updateResourceServer(services: Services, server: ResourceServerRecord, input: Omit<ResourceServerInput, "Identifier">): ResourceServerRecord {
  const record: ResourceServerRecord = { ...server, Name: input.Name, Scopes: checkScopes(input.Scopes) };
  services.tables.resourceServers.put(keyOf(server.UserPoolId, server.Identifier), record);
  return record;
}

export function deleteResourceServer(services: Services, server: ResourceServerRecord): void {
  services.tables.resourceServers.delete(keyOf(server.UserPoolId, server.Identifier));
}

export function describeResourceServer(server: ResourceServerRecord): ResourceServerType {
  return { UserPoolId: server.UserPoolId, Identifier: server.Identifier, Name: server.Name, Scopes: server.Scopes ?? [] };
}

/** One page of the pool's resource servers, by identifier. */
export function listResourceServers(services: Services, poolId: string, maxResults: number, nextToken?: string) {
  const servers = services.tables.resourceServers.findBy("byPool", poolId).sort((a, b) => (a.Identifier < b.Identifier ? -1 : a.Identifier > b.Identifier ? 1 : 0));
  return pageOf(servers, (server) => server.Identifier, maxResults, nextToken);
}

/** Every custom scope the pool declares, as `<identifier>/<scope>`. */
export function customScopesOf(services: Services, poolId: string): Set<string> {
  const scopes = new Set<string>();
  for (const server of services.tables.resourceServers.findBy("byPool", poolId)) {
    for (const scope of server.Scopes ?? []) scopes.add(`${server.Identifier}/${scope.ScopeName}`);
  }
  return scopes;
}

function checkScopes(scopes: ResourceServerScopeType[] | undefined): ResourceServerScopeType[] {
  const list = scopes ?? [];
  if (list.length > MAX_SCOPES) throw LimitExceeded(`A resource server can have at most ${MAX_SCOPES} scopes.`);
  const names = new Set<string>();
  for (const scope of list) {
    if (names.has(scope.ScopeName!)) throw InvalidParameter(`Duplicate scope name ${scope.ScopeName} in the resource server.`);
    names.add(scope.ScopeName!);
  }
  return list.map((scope) => ({ ScopeName: scope.ScopeName, ScopeDescription: scope.ScopeDescription }));
}
