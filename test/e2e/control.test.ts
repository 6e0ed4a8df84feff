import { AdminCreateUserCommand, AdminGetUserCommand, type CognitoIdentityProviderClient, CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator } from "../support/emulator";

const fixture = {
  UserPools: [
    {
      Id: "us-east-1_Control01",
      PoolName: "control",
      Clients: [{ ClientId: "controlclient000000000001", ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Users: [{ Username: "fixed", Password: "Passw0rd!", Attributes: { email: "fixed@example.com", email_verified: "true" } }],
    },
  ],
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

beforeAll(async () => {
  emu = await startTestEmulator(fixture);
  idp = idpClient(emu);
});
afterAll(() => emu.stop());

const get = (path: string) => fetch(`${emu.url}${path}`).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
const post = (path: string, body?: unknown) =>
  fetch(`${emu.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as any }),
  );

describe("control endpoints", () => {
  it("/health answers ok", async () => {
    const { status, body } = await get("/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", region: "us-east-1", userPools: 1 });
  });

  it("/_emu/messages lists what was sent, filtered by pool and user, oldest first", async () => {
    await idp.send(new AdminCreateUserCommand({ UserPoolId: "us-east-1_Control01", Username: "m1", UserAttributes: [{ Name: "email", Value: "m1@example.com" }], DesiredDeliveryMediums: ["EMAIL"] }));
    await idp.send(new AdminCreateUserCommand({ UserPoolId: "us-east-1_Control01", Username: "m2", UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }] }));
    const all = await get("/_emu/messages");
    expect(all.body.messages.map((m: { username: string }) => m.username)).toEqual(["m1", "m2"]);
    const one = await get("/_emu/messages?userPoolId=us-east-1_Control01&username=m2");
    expect(one.body.messages).toHaveLength(1);
    expect(one.body.messages[0]).toMatchObject({
      userPoolId: "us-east-1_Control01",
      username: "m2",
      destination: "+15555550100",
      deliveryMedium: "SMS",
      reason: "AdminCreateUser",
    });
    expect(one.body.messages[0].code).toMatch(/\S{8,}/);
    const byAddress = await get("/_emu/messages?username=M1@example.com");
    expect(byAddress.body.messages.map((m: { username: string }) => m.username)).toEqual(["m1"]);
    expect(Date.parse(one.body.messages[0].createdAt)).not.toBeNaN();
  });

  it("/_emu/clock moves the emulator clock forward and refuses nonsense", async () => {
    const before = await get("/_emu/clock");
    const moved = await post("/_emu/clock", { advanceSeconds: 3600 });
    expect(moved.status).toBe(200);
    expect(moved.body.offsetSeconds).toBe(before.body.offsetSeconds + 3600);
    expect(Date.parse(moved.body.now) - Date.now()).toBeGreaterThan(3590_000);
    expect((await post("/_emu/clock", { advanceSeconds: "soon" })).status).toBe(400);
    expect((await post("/_emu/clock", { advanceSeconds: -5 })).status).toBe(400);
  });

  it("/_emu/state dumps fixture format and /_emu/reset returns to exactly the fixtures", async () => {
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: "runtime" }));
    const state = await get("/_emu/state");
    const names = state.body.UserPools.map((p: { PoolName: string }) => p.PoolName).sort();
    expect(names).toEqual(["control", "runtime"]);
    const control = state.body.UserPools.find((p: { PoolName: string }) => p.PoolName === "control");
    expect(control.Users.map((u: { Username: string }) => u.Username).sort()).toEqual(["fixed", "m1", "m2"]);
    expect(JSON.stringify(state.body)).not.toContain("Passw0rd!");

    expect((await post("/_emu/reset")).body).toEqual({ status: "ok" });
    await expect(idp.send(new AdminGetUserCommand({ UserPoolId: UserPool!.Id!, Username: "x" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(idp.send(new AdminGetUserCommand({ UserPoolId: "us-east-1_Control01", Username: "m1" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(idp.send(new AdminGetUserCommand({ UserPoolId: "us-east-1_Control01", Username: "fixed" }))).resolves.toHaveProperty("UserStatus", "CONFIRMED");
    expect((await get("/_emu/messages")).body.messages).toEqual([]);
    expect((await get("/_emu/clock")).body.offsetSeconds).toBe(0);
  });
});
