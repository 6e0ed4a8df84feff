import { servicesTestbed } from "../../testing";
import { createPool, deletePool } from "../directory/pools";
import { describeRiskConfiguration, setRiskConfiguration, threatProtectionAvailable } from "./risk";

describe("risk configuration", () => {
  const { services } = servicesTestbed();
  const pool = createPool(services, "us-east-1", { PoolName: "risk", UserPoolTier: "PLUS" });
  const ranges = (list: string[]) => () => setRiskConfiguration(services, pool, { UserPoolId: pool.Id, RiskExceptionConfiguration: { BlockedIPRangeList: list } });

  it("is available with the Plus plan, which its modes require", () => {
    expect(threatProtectionAvailable(pool)).toBe(true);
    expect(threatProtectionAvailable(createPool(services, "us-east-1", { PoolName: "off" }))).toBe(false);
    // Cognito's refusal in other plans (hashicorp/terraform-provider-aws#40734, an acceptance test against AWS).
    for (const addOns of [{ AdvancedSecurityMode: "ENFORCED" as const }, { AdvancedSecurityMode: "OFF" as const, AdvancedSecurityAdditionalFlows: { CustomAuthMode: "AUDIT" as const } }]) {
      expect(() => createPool(services, "us-east-1", { PoolName: "essentials", UserPoolAddOns: addOns })).toThrow(
        expect.objectContaining({ code: "FeatureUnavailableInTierException", message: "The following features need to be disabled for the ESSENTIALS pricing tier configured: Threat Protection" }),
      );
    }
    expect(() => createPool(services, "us-east-1", { PoolName: "lite", UserPoolTier: "LITE", UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } })).toThrow(
      expect.objectContaining({ code: "FeatureUnavailableInTierException" }),
    );
  });

  it("takes IPv4 and IPv6 ranges in CIDR notation only", () => {
    expect(ranges(["203.0.113.0/24", "2001:db8::/48", "0.0.0.0/0"])).not.toThrow();
    for (const bad of ["203.0.113.0", "203.0.113.0/24/1", "2001:db8::/129", "example.com/8", "10.0.0.0/x"]) {
      expect(ranges([bad])).toThrow(expect.objectContaining({ code: "InvalidParameterException" }));
    }
  });

  it("resets to nothing when a request names no settings", () => {
    setRiskConfiguration(services, pool, { UserPoolId: pool.Id, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: "NO_ACTION" } } });
    setRiskConfiguration(services, pool, { UserPoolId: pool.Id });
    expect(describeRiskConfiguration(services, pool)).toEqual({ UserPoolId: pool.Id, ClientId: "ALL" });
    setRiskConfiguration(services, pool, { UserPoolId: pool.Id, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: "NO_ACTION" } } });
    deletePool(services, pool);
    expect(describeRiskConfiguration(services, pool).CompromisedCredentialsRiskConfiguration).toBeUndefined();
  });
});
