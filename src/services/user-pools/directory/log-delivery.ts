import type { LogConfigurationType, LogDeliveryConfigurationType } from "@aws-sdk/client-cognito-identity-provider";
import { FeatureUnavailableInTier, InvalidParameter } from "../../../errors";
import type { Services } from "../../services";
import type { PoolRecord } from "./records";
import { logDelivery } from "./tables";

/** A pool's log destinations, keyed by pool id. Nothing is delivered: they are stored and returned. */
export interface LogDeliveryRecord {
  UserPoolId: string;
  LogConfigurations: LogConfigurationType[];
}

/** What each event source accepts: its log level, and where its logs may go. */
const EVENT_SOURCES: Record<string, { logLevel: string; destinations: DestinationName[] }> = {
  userNotification: { logLevel: "ERROR", destinations: ["CloudWatchLogsConfiguration"] },
  userAuthEvents: { logLevel: "INFO", destinations: ["CloudWatchLogsConfiguration", "S3Configuration", "FirehoseConfiguration"] },
};
type DestinationName = "CloudWatchLogsConfiguration" | "S3Configuration" | "FirehoseConfiguration";
const DESTINATIONS: DestinationName[] = ["CloudWatchLogsConfiguration", "S3Configuration", "FirehoseConfiguration"];

const logDeliveryTable = (services: Services) => logDelivery.open(services);

/** SetLogDeliveryConfiguration replaces the pool's whole configuration. */
export function setLogDelivery(services: Services, pool: PoolRecord, configurations: LogConfigurationType[]): LogDeliveryRecord {
  const seen = new Set<string>();
  for (const configuration of configurations) {
    checkConfiguration(pool, configuration);
    if (seen.has(configuration.EventSource!)) throw InvalidParameter(`Only one log configuration is allowed for the event source ${configuration.EventSource}.`);
    seen.add(configuration.EventSource!);
  }
  const record: LogDeliveryRecord = { UserPoolId: pool.Id, LogConfigurations: configurations.map(copyConfiguration) };
  logDeliveryTable(services).put(pool.Id, record);
  return record;
}

/** A pool never configured answers an empty list. */
export function getLogDelivery(services: Services, pool: PoolRecord): LogDeliveryConfigurationType {
  const record = logDeliveryTable(services).get(pool.Id);
  return { UserPoolId: pool.Id, LogConfigurations: (record?.LogConfigurations ?? []).map(copyConfiguration) };
}

/** One destination per configuration, of a kind its event source accepts, at the level it logs at. */
function checkConfiguration(pool: PoolRecord, configuration: LogConfigurationType): void {
  const source = EVENT_SOURCES[configuration.EventSource!];
  if (configuration.LogLevel !== source.logLevel) {
    throw InvalidParameter(`The event source ${configuration.EventSource} supports only the log level ${source.logLevel}.`);
  }
  const given = DESTINATIONS.filter((destination) => configuration[destination] !== undefined);
  if (given.length !== 1) throw InvalidParameter("Each log configuration needs exactly one destination.");
  if (!source.destinations.includes(given[0])) {
    throw InvalidParameter(`The event source ${configuration.EventSource} cannot deliver logs to ${given[0]}.`);
  }
  if (configuration.EventSource === "userAuthEvents" && pool.UserPoolTier !== "PLUS") {
    throw FeatureUnavailableInTier(`Exporting user activity logs is not available in the ${pool.UserPoolTier ?? "ESSENTIALS"} feature plan of user pool ${pool.Id}.`);
  }
}

/** Only the members of the model, in its order. */
function copyConfiguration(configuration: LogConfigurationType): LogConfigurationType {
  return {
    LogLevel: configuration.LogLevel,
    EventSource: configuration.EventSource,
    ...(configuration.CloudWatchLogsConfiguration ? { CloudWatchLogsConfiguration: { ...configuration.CloudWatchLogsConfiguration } } : {}),
    ...(configuration.S3Configuration ? { S3Configuration: { ...configuration.S3Configuration } } : {}),
    ...(configuration.FirehoseConfiguration ? { FirehoseConfiguration: { ...configuration.FirehoseConfiguration } } : {}),
  };
}
