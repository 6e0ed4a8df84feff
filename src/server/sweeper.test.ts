import { servicesTestbed } from "../services/testing";
import { sweepExpired } from "./sweeper";

describe("sweepExpired", () => {
  it("drops expired short-lived records and keeps live ones", () => {
    const { services } = servicesTestbed();
    const sessions = services.store.table<{ ExpiresAt: number }>("authSessions");
    const codes = services.store.table<{ ExpiresAt: number }>("oauthCodes");
    const now = services.clock.now();
    sessions.put("old", { ExpiresAt: now - 1 });
    sessions.put("live", { ExpiresAt: now + 60_000 });
    codes.put("old", { ExpiresAt: now });
    expect(sweepExpired(services)).toBe(2);
    expect([...sessions.entries()].map(([k]) => k)).toEqual(["live"]);
    expect(codes.size).toBe(0);
    services.clock.advance(61);
    expect(sweepExpired(services)).toBe(1);
    expect(sessions.size).toBe(0);
  });
});
