import type { LogConfigurationType } from "@aws-sdk/client-cognito-identity-provider";
import { servicesTestbed } from "../../testing";
import { getLogDelivery, setLogDelivery } from "./log-delivery";
import { createPool, deletePool } from "./pools";

describe("log delivery", () => {
  const { services } = servicesTestbed();
  const pool = createPool(services, "us-east-1", { PoolName: "logs", UserPoolTier: "PLUS" });
  const notifications: LogConfigurationType = { LogLevel: "ERROR", EventSource: "userNotification", CloudWatchLogsConfiguration: { LogGroupArn: "arn:aws:logs:us-east-1:1:log-group:x" } };
  const refused = (configurations: LogConfigurationType[]) => expect(() => setLogDelivery(services, pool, configurations)).toThrow(expect.objectContaining({ code: "InvalidParameterException" }));

  it("replaces the whole configuration, and an empty one clears it", () => {
    setLogDelivery(services, pool, [notifications]);
    expect(getLogDelivery(services, pool).LogConfigurations).toEqual([notifications]);
    setLogDelivery(services, pool, []);
    expect(getLogDelivery(services, pool).LogConfigurations).toEqual([]);
    setLogDelivery(services, pool, [notifications]);
    deletePool(services, pool);
    expect(getLogDelivery(services, pool).LogConfigurations).toEqual([]);
  });

  it("wants one destination per configuration and one configuration per event source", () => {
    refused([{ LogLevel: "ERROR", EventSource: "userNotification" }]);
    refused([{ ...notifications, FirehoseConfiguration: { StreamArn: "arn:aws:firehose:us-east-1:1:deliverystream/x" } }]);
    refused([notifications, notifications]);
  });
});
