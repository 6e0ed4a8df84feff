import { isIP } from "node:net";
import type {
  AccountTakeoverRiskConfigurationType,
  RiskConfigurationType,
  RiskExceptionConfigurationType,
  SetRiskConfigurationRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, UserPoolAddOnNotEnabled } from "../../../errors";
import { asShape } from "../../../protocol/shapes";
import type { Services } from "../../services";
import { requireClient } from "../directory/lookup";
import { withoutUndefined } from "../directory/pools";
import type { PoolRecord } from "../directory/records";
import { riskConfigurationKey, riskConfigurations } from "./tables";

/** The client id Cognito gives the pool-wide configuration, which clients without their own inherit. */
export const ALL_CLIENTS = "ALL";

/** A pool's or one client's threat-protection settings; keyed `<poolId>/<clientId or ALL>`. */
export type RiskConfigurationRecord = Omit<RiskConfigurationType, "LastModifiedDate"> & {
  UserPoolId: string;
  ClientId: string;
  LastModifiedDate: number;
};


const riskTable = (services: Services) => riskConfigurations.open(services);

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
  if (reset) table.delete(riskConfigurationKey(pool.Id, clientId));
  else table.put(riskConfigurationKey(pool.Id, clientId), record);
  return record;
}

/** DescribeRiskConfiguration: a client without its own configuration shows the pool's, which it inherits. */
export function describeRiskConfiguration(services: Services, pool: PoolRecord, clientId?: string): RiskConfigurationType {
  requireThreatProtection(pool);
  const id = configuredClient(services, pool, clientId);
  const table = riskTable(services);
  const record = table.get(riskConfigurationKey(pool.Id, id)) ?? table.get(riskConfigurationKey(pool.Id, ALL_CLIENTS));
  if (!record) return { UserPoolId: pool.Id, ClientId: id };
  return toRiskConfigurationType(record);
}

export function toRiskConfigurationType(record: RiskConfigurationRecord): RiskConfigurationType {
  return asShape<RiskConfigurationType>("cognito-idp", "RiskConfigurationType", { ...record, LastModifiedDate: new Date(record.LastModifiedDate) });
}

/** The configuration that applies to sign-ins through a client: its own, else the pool's (ALL). */
export function effectiveRiskConfiguration(services: Services, poolId: string, clientId: string | undefined): RiskConfigurationRecord | undefined {
  const table = riskConfigurations.open(services);
  return (clientId ? table.get(riskConfigurationKey(poolId, clientId)) : undefined) ?? table.get(riskConfigurationKey(poolId, ALL_CLIENTS));
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

