import { isIP } from "node:net";
import type {
  AccountTakeoverRiskConfigurationType,
  RiskConfigurationType,
  RiskExceptionConfigurationType,
  SetRiskConfigurationRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, UserPoolAddOnNotEnabled } from "../../../errors";
import type { Table } from "../../../store/table";
import type { Services } from "../../services";
import { requireClient } from "../directory/lookup";
import { pickInOrder, withoutUndefined } from "../directory/pools";
import type { PoolRecord } from "../directory/records";

/** The client id Cognito gives the pool-wide configuration, which clients without their own inherit. */
export const ALL_CLIENTS = "ALL";

/** A pool's or one client's threat-protection settings; keyed `<poolId>/<clientId or ALL>`. */
export type RiskConfigurationRecord = Omit<RiskConfigurationType, "LastModifiedDate"> & {
  UserPoolId: string;
  ClientId: string;
  LastModifiedDate: number;
};

const RISK_CONFIGURATION_MEMBERS = [
  "UserPoolId",
  "ClientId",
  "CompromisedCredentialsRiskConfiguration",
  "AccountTakeoverRiskConfiguration",
  "RiskExceptionConfiguration",
  "LastModifiedDate",
] as const satisfies ReadonlyArray<keyof RiskConfigurationType>;

function riskTable(services: Services): Table<RiskConfigurationRecord> {
  return services.store.table<RiskConfigurationRecord>("riskConfigurations").index("byPool", (risk) => risk.UserPoolId);
}

/** Threat protection comes with the Plus plan; pools from before the plans turned it on with AdvancedSecurityMode. */
export function threatProtectionAvailable(pool: PoolRecord): boolean {
  const mode = pool.UserPoolAddOns?.AdvancedSecurityMode;
  return pool.UserPoolTier === "PLUS" || mode === "AUDIT" || mode === "ENFORCED";
}

export function requireThreatProtection(pool: PoolRecord): void {
  if (!threatProtectionAvailable(pool)) throw UserPoolAddOnNotEnabled(`Threat protection is not enabled for user pool ${pool.Id}.`);
}

/**
 * SetRiskConfiguration. A request with no settings resets: the pool to defaults, a client to inheriting
 * the pool's configuration.
 */
export function setRiskConfiguration(services: Services, pool: PoolRecord, input: SetRiskConfigurationRequest): RiskConfigurationRecord {
  requireThreatProtection(pool);
  const clientId = configuredClient(services, pool, input.ClientId);
  checkAccountTakeover(input.AccountTakeoverRiskConfiguration);
  checkIpRanges(input.RiskExceptionConfiguration);
  const record: RiskConfigurationRecord = withoutUndefined({
    UserPoolId: pool.Id,
    ClientId: clientId,
    CompromisedCredentialsRiskConfiguration: input.CompromisedCredentialsRiskConfiguration,
    AccountTakeoverRiskConfiguration: input.AccountTakeoverRiskConfiguration,
    RiskExceptionConfiguration: input.RiskExceptionConfiguration,
    LastModifiedDate: services.clock.now(),
  });
  const table = riskTable(services);
  const reset = !record.CompromisedCredentialsRiskConfiguration && !record.AccountTakeoverRiskConfiguration && !record.RiskExceptionConfiguration;
  if (reset) table.delete(riskKey(pool.Id, clientId));
  else table.put(riskKey(pool.Id, clientId), record);
  return record;
}

/** DescribeRiskConfiguration: a client without its own configuration shows the pool's, which it inherits. */
export function describeRiskConfiguration(services: Services, pool: PoolRecord, clientId?: string): RiskConfigurationType {
  requireThreatProtection(pool);
  const id = configuredClient(services, pool, clientId);
  const table = riskTable(services);
  const record = table.get(riskKey(pool.Id, id)) ?? table.get(riskKey(pool.Id, ALL_CLIENTS));
  if (!record) return { UserPoolId: pool.Id, ClientId: id };
  return toRiskConfigurationType(record);
}

export function toRiskConfigurationType(record: RiskConfigurationRecord): RiskConfigurationType {
  return pickInOrder<RiskConfigurationType>({ ...record, LastModifiedDate: new Date(record.LastModifiedDate) }, RISK_CONFIGURATION_MEMBERS);
}

/** The configuration that applies to sign-ins through a client: its own, else the pool's (ALL). */
export function effectiveRiskConfiguration(services: Services, poolId: string, clientId: string | undefined): RiskConfigurationRecord | undefined {
  const table = riskTable(services);
  return (clientId ? table.get(riskKey(poolId, clientId)) : undefined) ?? table.get(riskKey(poolId, ALL_CLIENTS));
}

/** Drops a pool's configurations, or one client's, when that is deleted. */
export function forgetRiskConfigurations(services: Services, poolId: string, clientId?: string): void {
  const table = riskTable(services);
  if (clientId !== undefined) table.delete(riskKey(poolId, clientId));
  else for (const key of table.keysBy("byPool", poolId)) table.delete(key);
}

/** ALL (or no client) is the pool-wide configuration; any other id must be a client of the pool. */
function configuredClient(services: Services, pool: PoolRecord, clientId: string | undefined): string {
  if (clientId === undefined || clientId === ALL_CLIENTS) return ALL_CLIENTS;
  return requireClient(services, pool.Id, clientId).ClientId;
}

/** Notifying users needs the message to send them. */
function checkAccountTakeover(configuration: AccountTakeoverRiskConfigurationType | undefined): void {
  const actions = configuration?.Actions ?? {};
  const notifies = [actions.LowAction, actions.MediumAction, actions.HighAction].some((action) => action?.Notify);
  if (notifies && !configuration?.NotifyConfiguration) {
    throw InvalidParameter("NotifyConfiguration is required when an account takeover action notifies users.");
  }
}

function checkIpRanges(configuration: RiskExceptionConfigurationType | undefined): void {
  for (const range of [...(configuration?.BlockedIPRangeList ?? []), ...(configuration?.SkippedIPRangeList ?? [])]) {
    if (!isCidr(range)) throw InvalidParameter(`${range} is not a valid IP range in CIDR notation.`);
  }
}

function isCidr(range: string): boolean {
  const [address, prefix, ...rest] = range.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0 || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

const riskKey = (poolId: string, clientId: string) => `${poolId}/${clientId}`;
