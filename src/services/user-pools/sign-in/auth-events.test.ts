import { servicesTestbed } from "../../testing";
import { AUTH_EVENT_ORDER, eventsOfUser, recordAuthEvent } from "./auth-events";
import { pageInOrder } from "../directory/list-users";
import { createPool } from "../directory/pools";
import { createUser, removeUser } from "../directory/users";

describe("auth events", () => {
  const { services } = servicesTestbed();
  const pool = createPool(services, "us-east-1", { PoolName: "events", UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } });
  const user = createUser(services, pool, { Username: "ann", Attributes: {}, UserStatus: "CONFIRMED" });

  it("keeps a failure although its request fails, and drops a success that is rolled back", async () => {
    const failed = services.store.transaction(() => {
      recordAuthEvent(services, user, { response: "Fail" });
      recordAuthEvent(services, user, { response: "Pass" });
      throw new Error("the request fails");
    });
    await expect(failed).rejects.toThrow("the request fails");
    expect(eventsOfUser(services, user).map((event) => event.EventResponse)).toEqual(["Fail"]);
    removeUser(services, user);
    expect(eventsOfUser(services, user)).toEqual([]);
  });

  it("orders events of the same millisecond newest first", () => {
    const ids = [1, 2, 3].map(() => recordAuthEvent(services, user, { response: "Pass" })!.EventId);
    expect(pageInOrder(eventsOfUser(services, user), AUTH_EVENT_ORDER, 10).items.map((event) => event.EventId)).toEqual(ids.reverse());
  });

  it("never stores the feedback token itself", () => {
    const { EventId, FeedbackToken } = recordAuthEvent(services, user, { response: "Pass" })!;
    const stored = eventsOfUser(services, user).find((event) => event.EventId === EventId)!;
    expect(JSON.stringify(stored)).not.toContain(FeedbackToken);
  });
});
