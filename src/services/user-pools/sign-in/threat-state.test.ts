import { servicesTestbed } from "../../testing";
import { createPool } from "../directory/pools";
import { createUser, removeUser } from "../directory/users";
import { forceRisk, forgetForcedRisks, noteFailure, noteFeedback, noteSignIn, profileOf, takeForcedRisk } from "./threat-state";

describe("threat protection state", () => {
  const { services } = servicesTestbed();
  const pool = createPool(services, "us-east-1", { PoolName: "threat", UserPoolTier: "PLUS" });
  const user = createUser(services, pool, { Username: "ann", Attributes: {}, UserStatus: "CONFIRMED" });

  it("applies the most specific forced level first and counts it down", () => {
    forceRisk(services, { UserPoolId: pool.Id, IpAddress: "192.0.2.1", Level: "Low" });
    forceRisk(services, { UserPoolId: pool.Id, Sub: user.Sub, Level: "Medium", Remaining: 2 });
    forceRisk(services, { UserPoolId: pool.Id, Sub: user.Sub, IpAddress: "192.0.2.1", Level: "High", Remaining: 1 });
    expect(takeForcedRisk(services, user, "192.0.2.1")).toBe("High");
    expect(takeForcedRisk(services, user, "192.0.2.1")).toBe("Medium");
    expect(takeForcedRisk(services, user, undefined)).toBe("Medium");
    expect(takeForcedRisk(services, user, "192.0.2.1")).toBe("Low");
    expect(takeForcedRisk(services, user, "198.51.100.1")).toBeUndefined();
    expect(forgetForcedRisks(services, { poolId: pool.Id })).toBe(1);
    expect(takeForcedRisk(services, user, "192.0.2.1")).toBeUndefined();
  });

  it("remembers sign-ins, failures and feedback, and forgets them with the user", () => {
    noteFailure(services, user);
    noteSignIn(services, user, "192.0.2.1", "ua:a");
    noteFailure(services, user);
    noteFeedback(services, user, false, "192.0.2.1", "ua:a");
    expect(profileOf(services, user)).toMatchObject({ SignIns: 1, Failures: 1, KnownIps: [], KnownDevices: [], UntrustedIps: ["192.0.2.1"], UntrustedDevices: ["ua:a"] });
    noteFeedback(services, user, true, "192.0.2.1", "ua:a");
    expect(profileOf(services, user)).toMatchObject({ KnownIps: ["192.0.2.1"], KnownDevices: ["ua:a"], UntrustedIps: [], UntrustedDevices: [] });
    for (let i = 0; i < 60; i++) noteSignIn(services, user, `10.0.0.${i}`, undefined);
    expect(profileOf(services, user)!.KnownIps).toHaveLength(50);
    forceRisk(services, { UserPoolId: pool.Id, Sub: user.Sub, Level: "High" });
    removeUser(services, user);
    expect(profileOf(services, user)).toBeUndefined();
    expect(takeForcedRisk(services, user, undefined)).toBeUndefined();
  });
});
