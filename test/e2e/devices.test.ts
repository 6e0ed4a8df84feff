import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  type DeviceType,
  ForgetDeviceCommand,
  GetDeviceCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  type RespondToAuthChallengeCommandOutput,
  UpdateDeviceStatusCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoUserSession } from "amazon-cognito-identity-js";
import { Amplify } from "aws-amplify";
import { fetchAuthSession, fetchDevices, forgetDevice, signIn, signOut } from "aws-amplify/auth";
import { ConsoleLogger } from "aws-amplify/utils";
import { decodeJwt } from "jose";
import type { RunningEmulator } from "../../src/server/emulator";
import { timeStep, totpCode } from "../../src/services/user-pools/sign-in/totp";
import { useEmulator } from "../support/emulator";
import { Browser, call, newDeviceSecret, SrpClient } from "../support/srp-client";

const ALWAYS = "us-east-1_DevAlways1";
const OPT_IN = "us-east-1_DevOptIn01";
const UNTRACKED = "us-east-1_DevNone001";
const ALWAYS_WEB = "devalwaysweb000000000001";
const OPT_IN_WEB = "devoptinweb0000000000001";
const UNTRACKED_WEB = "devnoneweb00000000000001";
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
const users = (...names: string[]) => names.map((Username) => ({ Username, Password: "Passw0rd!" }));

const fixture = {
  UserPools: [
    {
      Id: ALWAYS,
      PoolName: "devices-always",
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
      Clients: [{ ClientId: ALWAYS_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
      Users: users("alice", "bob", "carol", "dan", "erin"),
    },
    {
      Id: OPT_IN,
      PoolName: "devices-opt-in",
      MfaConfiguration: "OPTIONAL",
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      Clients: [{ ClientId: OPT_IN_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
      Users: [...users("olga"), { Username: "tom", Password: "Passw0rd!", TotpSecret: TOTP_SECRET }],
    },
    {
      Id: UNTRACKED,
      PoolName: "devices-none",
      Clients: [{ ClientId: UNTRACKED_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
      Users: users("nick"),
    },
  ],
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

useEmulator(fixture, (started) => ({ emu, idp } = started));

const poolName = (poolId: string) => poolId.split("_")[1];
const attributes = (device: DeviceType) => Object.fromEntries(device.DeviceAttributes!.map((a) => [a.Name, a.Value]));
const accessTokenOf = (session: CognitoUserSession | undefined) => session!.getAccessToken().getJwtToken();

interface Device {
  key: string;
  groupKey: string;
  randomPassword: string;
}

/** USER_SRP_AUTH through the SDK v3, answering MFA and device authentication as the server asks; the challenges met come back too. */
async function signInSteps(clientId: string, poolId: string, username: string, options: { device?: Device; password?: string; totp?: () => string } = {}) {
  const srp = new SrpClient(poolName(poolId));
  const deviceKey: Record<string, string> = options.device ? { DEVICE_KEY: options.device.key } : {};
  const started = await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: username, SRP_A: srp.A, ...deviceKey } }));
  const userId = started.ChallengeParameters!.USER_ID_FOR_SRP;
  const claim = await srp.claim(userId, options.password ?? "Passw0rd!", started.ChallengeParameters as never);
  let result = await idp.send(
    new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "PASSWORD_VERIFIER", Session: started.Session, ChallengeResponses: { USERNAME: userId, ...claim, ...deviceKey } }),
  );
  const steps = ["PASSWORD_VERIFIER"];
  if (result.ChallengeName === "SOFTWARE_TOKEN_MFA" && options.totp) {
    steps.push(result.ChallengeName);
    result = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: result.Session,
        ChallengeResponses: { USERNAME: userId, SOFTWARE_TOKEN_MFA_CODE: options.totp(), ...deviceKey },
      }),
    );
  }
  if (result.ChallengeName === "DEVICE_SRP_AUTH") {
    steps.push(result.ChallengeName);
    result = await proveDevice(clientId, userId, result, options.device!);
  }
  return { steps, result };
}

async function sdkSignIn(clientId: string, poolId: string, username: string, device?: Device, password = "Passw0rd!"): Promise<RespondToAuthChallengeCommandOutput> {
  return (await signInSteps(clientId, poolId, username, { device, password })).result;
}

async function proveDevice(clientId: string, username: string, challenge: RespondToAuthChallengeCommandOutput, device: Device, randomPassword = device.randomPassword) {
  const srp = new SrpClient(device.groupKey);
  const step = await idp.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "DEVICE_SRP_AUTH",
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: username, DEVICE_KEY: device.key, SRP_A: srp.A },
    }),
  );
  expect(step.ChallengeName).toBe("DEVICE_PASSWORD_VERIFIER");
  const claim = await srp.claim(device.key, randomPassword, step.ChallengeParameters as never);
  return idp.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "DEVICE_PASSWORD_VERIFIER",
      Session: step.Session,
      ChallengeResponses: { USERNAME: username, DEVICE_KEY: device.key, ...claim },
    }),
  );
}

/** What a client does with NewDeviceMetadata: ConfirmDevice with a fresh device verifier. */
async function confirmNewDevice(result: AuthenticationResultType, name = "laptop"): Promise<Device & { userConfirmationNecessary?: boolean }> {
  const { DeviceKey, DeviceGroupKey } = result.NewDeviceMetadata!;
  const secret = await newDeviceSecret(DeviceGroupKey!, DeviceKey!);
  const confirmed = await idp.send(
    new ConfirmDeviceCommand({
      AccessToken: result.AccessToken,
      DeviceKey,
      DeviceName: name,
      DeviceSecretVerifierConfig: { Salt: secret.Salt, PasswordVerifier: secret.PasswordVerifier },
    }),
  );
  return { key: DeviceKey!, groupKey: DeviceGroupKey!, randomPassword: secret.randomPassword, userConfirmationNecessary: confirmed.UserConfirmationNecessary };
}

describe("device remembering with amazon-cognito-identity-js", () => {
  it("confirms a new device at sign-in, then signs in with it by device SRP", async () => {
    const browser = new Browser(emu.url, ALWAYS, ALWAYS_WEB);
    const first = await browser.signIn("alice", "Passw0rd!");
    expect(first.userConfirmationNecessary).toBeFalsy();
    const deviceKey = decodeJwt(accessTokenOf(first.session)).device_key as string;
    expect(deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);

    const device = await call<{ Device: DeviceType }>((cb) => first.user.getDevice(cb as never));
    expect(device.Device.DeviceKey).toBe(deviceKey);
    expect(attributes(device.Device)).toMatchObject({ device_status: "valid", "dev:device_remembered_status": "remembered", "dev:device_owner": `alice.${ALWAYS}` });

    await emu.clock.advance(60);
    const second = await browser.signIn("alice", "Passw0rd!");
    expect(decodeJwt(accessTokenOf(second.session)).device_key).toBe(deviceKey);
    const listed = await idp.send(new ListDevicesCommand({ AccessToken: accessTokenOf(second.session) }));
    expect(listed.Devices!.map((d) => d.DeviceKey)).toEqual([deviceKey]);
    const { DeviceCreateDate, DeviceLastAuthenticatedDate } = listed.Devices![0];
    expect(DeviceLastAuthenticatedDate!.getTime()).toBeGreaterThanOrEqual(DeviceCreateDate!.getTime() + 59_000);
  });

  it("keeps the device key through a refresh", async () => {
    const browser = new Browser(emu.url, ALWAYS, ALWAYS_WEB);
    const { session, user } = await browser.signIn("bob", "Passw0rd!");
    const renewed = await new Promise<CognitoUserSession>((resolve, reject) => user.refreshSession(session!.getRefreshToken(), (err, s) => (err ? reject(err) : resolve(s))));
    expect(decodeJwt(accessTokenOf(renewed)).device_key).toBe(decodeJwt(accessTokenOf(session)).device_key);
  });

  it("starts over with a new device when the remembered one was forgotten elsewhere", async () => {
    const browser = new Browser(emu.url, ALWAYS, ALWAYS_WEB);
    const first = await browser.signIn("carol", "Passw0rd!");
    const oldKey = decodeJwt(accessTokenOf(first.session)).device_key as string;
    await idp.send(new AdminForgetDeviceCommand({ UserPoolId: ALWAYS, Username: "carol", DeviceKey: oldKey }));
    // The SDK gets "Device does not exist." for its DEVICE_KEY and retries without it.
    const again = await browser.signIn("carol", "Passw0rd!");
    const newKey = decodeJwt(accessTokenOf(again.session)).device_key as string;
    expect(newKey).toBeTruthy();
    expect(newKey).not.toBe(oldKey);
    const listed = await idp.send(new AdminListDevicesCommand({ UserPoolId: ALWAYS, Username: "carol" }));
    expect(listed.Devices!.map((d) => d.DeviceKey)).toEqual([newKey]);
  });

  it("lets the user opt in when the pool remembers devices only on prompt", async () => {
    const browser = new Browser(emu.url, OPT_IN, OPT_IN_WEB);
    const { session, user, userConfirmationNecessary } = await browser.signIn("olga", "Passw0rd!");
    expect(userConfirmationNecessary).toBe(true);
    const AccessToken = accessTokenOf(session);
    await expect(idp.send(new ListDevicesCommand({ AccessToken }))).resolves.toMatchObject({ Devices: [] });
    await expect(call((cb) => user.setDeviceStatusRemembered(cb))).resolves.toBe("SUCCESS");
    const listed = await idp.send(new ListDevicesCommand({ AccessToken }));
    expect(listed.Devices).toHaveLength(1);
    await expect(call((cb) => user.setDeviceStatusNotRemembered(cb))).resolves.toBe("SUCCESS");
    await expect(idp.send(new ListDevicesCommand({ AccessToken }))).resolves.toMatchObject({ Devices: [] });
    const admin = await idp.send(new AdminGetDeviceCommand({ UserPoolId: OPT_IN, Username: "olga", DeviceKey: listed.Devices![0].DeviceKey }));
    expect(attributes(admin.Device!)["dev:device_remembered_status"]).toBe("not_remembered");
    // A known device still proves itself at the next sign-in, remembered or not.
    const again = await browser.signIn("olga", "Passw0rd!");
    expect(decodeJwt(accessTokenOf(again.session)).device_key).toBe(listed.Devices![0].DeviceKey);
    await expect(call((cb) => again.user.forgetDevice(cb))).resolves.toBe("SUCCESS");
  });

  it("skips MFA on a remembered device when the pool allows it, and asks again once it is not remembered", async () => {
    const browser = new Browser(emu.url, OPT_IN, OPT_IN_WEB);
    const code = () => totpCode(TOTP_SECRET, timeStep(emu.services.clock.now()));
    const first = await browser.signIn("tom", "Passw0rd!");
    expect(first.totpRequired).toBe(true);
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      first.user.sendMFACode(code(), { onSuccess: (s) => resolve(s), onFailure: reject }, "SOFTWARE_TOKEN_MFA"),
    );
    const deviceKey = decodeJwt(accessTokenOf(session)).device_key as string;
    expect(deviceKey).toBeTruthy();
    await call((cb) => first.user.setDeviceStatusRemembered(cb));

    const remembered = await browser.signIn("tom", "Passw0rd!");
    expect(remembered.totpRequired).toBeUndefined();
    expect(decodeJwt(accessTokenOf(remembered.session)).device_key).toBe(deviceKey);

    await call((cb) => remembered.user.setDeviceStatusNotRemembered(cb));
    await expect(browser.signIn("tom", "Passw0rd!")).resolves.toMatchObject({ totpRequired: true });
  });
});

describe("devices through the SDK v3", () => {
  it("ConfirmDevice, GetDevice and device sign-in, with the device's attributes", async () => {
    const first = await sdkSignIn(ALWAYS_WEB, ALWAYS, "dan");
    const device = await confirmNewDevice(first.AuthenticationResult!, "Dan's laptop");
    expect(device.userConfirmationNecessary).toBe(false);
    const AccessToken = first.AuthenticationResult!.AccessToken!;
    const got = await idp.send(new GetDeviceCommand({ AccessToken, DeviceKey: device.key }));
    expect(attributes(got.Device!)).toEqual({
      device_status: "valid",
      device_name: "Dan's laptop",
      "dev:device_arn": `arn:aws:cognito-idp:us-east-1:123456789012:owner/dan.${ALWAYS}/device/${device.key}`,
      "dev:device_owner": `dan.${ALWAYS}`,
      last_ip_used: expect.stringMatching(/127\.0\.0\.1/),
      "dev:device_remembered_status": "remembered",
      "dev:device_sdk": "aws-sdk",
    });
    const admin = await idp.send(new AdminGetDeviceCommand({ UserPoolId: ALWAYS, Username: "dan", DeviceKey: device.key }));
    expect(admin.Device).toEqual(got.Device);

    const withDevice = await sdkSignIn(ALWAYS_WEB, ALWAYS, "dan", device);
    expect(withDevice.AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
    expect(decodeJwt(withDevice.AuthenticationResult!.AccessToken!).device_key).toBe(device.key);
  });

  it("refuses ConfirmDevice for unknown, foreign or already confirmed devices and without a verifier", async () => {
    const first = await sdkSignIn(ALWAYS_WEB, ALWAYS, "dan");
    const other = await sdkSignIn(ALWAYS_WEB, ALWAYS, "erin");
    const AccessToken = first.AuthenticationResult!.AccessToken!;
    const { DeviceKey, DeviceGroupKey } = first.AuthenticationResult!.NewDeviceMetadata!;
    const secret = await newDeviceSecret(DeviceGroupKey!, DeviceKey!);
    const config = { Salt: secret.Salt, PasswordVerifier: secret.PasswordVerifier };
    await expect(idp.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey }))).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(idp.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey: "us-east-1_00000000-0000-4000-8000-000000000000", DeviceSecretVerifierConfig: config }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "Device does not exist.",
    });
    await expect(
      idp.send(new ConfirmDeviceCommand({ AccessToken: other.AuthenticationResult!.AccessToken, DeviceKey, DeviceSecretVerifierConfig: config })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(idp.send(new ConfirmDeviceCommand({ AccessToken: "not-a-token", DeviceKey, DeviceSecretVerifierConfig: config }))).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(idp.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey: "no underscore", DeviceSecretVerifierConfig: config }))).rejects.toMatchObject({ name: "InvalidParameterException" });
    await idp.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey, DeviceSecretVerifierConfig: config }));
    await expect(idp.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey, DeviceSecretVerifierConfig: config }))).rejects.toMatchObject({ name: "DeviceKeyExistsException" });
  });

  it("lists remembered devices a page at a time, for the user and for the admin", async () => {
    const keys: string[] = [];
    let AccessToken = "";
    for (let i = 0; i < 3; i++) {
      const signedIn = await sdkSignIn(ALWAYS_WEB, ALWAYS, "erin");
      keys.push((await confirmNewDevice(signedIn.AuthenticationResult!)).key);
      AccessToken = signedIn.AuthenticationResult!.AccessToken!;
      await emu.clock.advance(1);
    }
    const page1 = await idp.send(new ListDevicesCommand({ AccessToken, Limit: 2 }));
    expect(page1.Devices!.map((d) => d.DeviceKey)).toEqual(keys.slice(0, 2));
    const page2 = await idp.send(new ListDevicesCommand({ AccessToken, Limit: 2, PaginationToken: page1.PaginationToken }));
    expect(page2.Devices!.map((d) => d.DeviceKey)).toEqual(keys.slice(2));
    expect(page2.PaginationToken).toBeUndefined();
    const admin = await idp.send(new AdminListDevicesCommand({ UserPoolId: ALWAYS, Username: "erin", Limit: 1 }));
    expect(admin.Devices!.map((d) => d.DeviceKey)).toEqual(keys.slice(0, 1));
    expect(admin.PaginationToken).toBeTruthy();
    await expect(idp.send(new ListDevicesCommand({ AccessToken, Limit: 61 }))).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(idp.send(new AdminListDevicesCommand({ UserPoolId: ALWAYS, Username: "ghost" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(idp.send(new AdminListDevicesCommand({ UserPoolId: "us-east-1_Missing01", Username: "erin" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("UpdateDeviceStatus and its admin twin switch remembering; ForgetDevice and its twin remove devices", async () => {
    const signedIn = await sdkSignIn(ALWAYS_WEB, ALWAYS, "dan");
    const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
    const device = await confirmNewDevice(signedIn.AuthenticationResult!);
    const status = async () => attributes((await idp.send(new AdminGetDeviceCommand({ UserPoolId: ALWAYS, Username: "dan", DeviceKey: device.key }))).Device!)["dev:device_remembered_status"];

    await idp.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey: device.key, DeviceRememberedStatus: "not_remembered" }));
    expect(await status()).toBe("not_remembered");
    await idp.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: ALWAYS, Username: "dan", DeviceKey: device.key, DeviceRememberedStatus: "remembered" }));
    expect(await status()).toBe("remembered");
    await expect(idp.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey: device.key, DeviceRememberedStatus: "forever" as never }))).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
    const unknown = "us-east-1_00000000-0000-4000-8000-000000000000";
    await expect(idp.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey: unknown, DeviceRememberedStatus: "remembered" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "Device does not exist.",
    });
    await expect(
      idp.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: ALWAYS, Username: "ghost", DeviceKey: device.key, DeviceRememberedStatus: "remembered" })),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });

    await idp.send(new ForgetDeviceCommand({ AccessToken, DeviceKey: device.key }));
    await expect(idp.send(new GetDeviceCommand({ AccessToken, DeviceKey: device.key }))).rejects.toMatchObject({ name: "ResourceNotFoundException", message: "Device does not exist." });
    await expect(idp.send(new ForgetDeviceCommand({ AccessToken, DeviceKey: device.key }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });

    const another = await confirmNewDevice((await sdkSignIn(ALWAYS_WEB, ALWAYS, "dan")).AuthenticationResult!);
    await idp.send(new AdminForgetDeviceCommand({ UserPoolId: ALWAYS, Username: "dan", DeviceKey: another.key }));
    await expect(idp.send(new AdminGetDeviceCommand({ UserPoolId: ALWAYS, Username: "dan", DeviceKey: another.key }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(idp.send(new AdminForgetDeviceCommand({ UserPoolId: ALWAYS, Username: "dan", DeviceKey: another.key }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    // A forgotten device is refused at sign-in, which clients take as the cue to retry without it.
    await expect(sdkSignIn(ALWAYS_WEB, ALWAYS, "dan", another)).rejects.toMatchObject({ name: "ResourceNotFoundException", message: "Device does not exist." });
  });

  it("refuses device proofs with a wrong secret or for another device", async () => {
    const device = await confirmNewDevice((await sdkSignIn(ALWAYS_WEB, ALWAYS, "erin")).AuthenticationResult!);
    const srp = new SrpClient(poolName(ALWAYS));
    const started = await idp.send(new InitiateAuthCommand({ ClientId: ALWAYS_WEB, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: "erin", SRP_A: srp.A, DEVICE_KEY: device.key } }));
    const claim = await srp.claim("erin", "Passw0rd!", started.ChallengeParameters as never);
    const verified = await idp.send(
      new RespondToAuthChallengeCommand({ ClientId: ALWAYS_WEB, ChallengeName: "PASSWORD_VERIFIER", Session: started.Session, ChallengeResponses: { USERNAME: "erin", ...claim, DEVICE_KEY: device.key } }),
    );
    expect(verified).toMatchObject({ ChallengeName: "DEVICE_SRP_AUTH", ChallengeParameters: {} });
    const deviceSrp = (responses: Record<string, string>) =>
      idp.send(new RespondToAuthChallengeCommand({ ClientId: ALWAYS_WEB, ChallengeName: "DEVICE_SRP_AUTH", Session: verified.Session, ChallengeResponses: { USERNAME: "erin", ...responses } }));
    await expect(deviceSrp({ DEVICE_KEY: device.key })).rejects.toMatchObject({ name: "InvalidParameterException", message: "Missing required parameter SRP_A" });
    await expect(deviceSrp({ DEVICE_KEY: "us-east-1_00000000-0000-4000-8000-000000000000", SRP_A: srp.A })).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid device key given." });
    await expect(proveDevice(ALWAYS_WEB, "erin", verified, device, "not the device's password")).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
  });

  it("proves a known device after MFA, and instead of MFA once it is remembered", async () => {
    const totp = () => totpCode(TOTP_SECRET, timeStep(emu.services.clock.now()));
    const first = await signInSteps(OPT_IN_WEB, OPT_IN, "tom", { totp });
    expect(first.steps).toEqual(["PASSWORD_VERIFIER", "SOFTWARE_TOKEN_MFA"]);
    const device = await confirmNewDevice(first.result.AuthenticationResult!);
    expect(device.userConfirmationNecessary).toBe(true);

    await emu.clock.advance(30);
    const notRemembered = await signInSteps(OPT_IN_WEB, OPT_IN, "tom", { totp, device });
    expect(notRemembered.steps).toEqual(["PASSWORD_VERIFIER", "SOFTWARE_TOKEN_MFA", "DEVICE_SRP_AUTH"]);
    expect(decodeJwt(notRemembered.result.AuthenticationResult!.AccessToken!).device_key).toBe(device.key);

    await idp.send(new UpdateDeviceStatusCommand({ AccessToken: notRemembered.result.AuthenticationResult!.AccessToken, DeviceKey: device.key, DeviceRememberedStatus: "remembered" }));
    const remembered = await signInSteps(OPT_IN_WEB, OPT_IN, "tom", { totp, device });
    expect(remembered.steps).toEqual(["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH"]);
    expect(remembered.result.AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
  });

  it("issues no device keys in a pool that does not track devices, and ignores DEVICE_KEY there", async () => {
    const first = await sdkSignIn(UNTRACKED_WEB, UNTRACKED, "nick");
    expect(first.AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
    expect(decodeJwt(first.AuthenticationResult!.AccessToken!).device_key).toBeUndefined();
    const fake = { key: "us-east-1_00000000-0000-4000-8000-000000000000", groupKey: "-abc", randomPassword: "x" };
    await expect(sdkSignIn(UNTRACKED_WEB, UNTRACKED, "nick", fake)).resolves.toHaveProperty("AuthenticationResult.AccessToken");
  });
});

describe("device remembering with Amplify v6", () => {
  beforeAll(() => {
    // Amplify names the device from navigator.userAgent, which Node has only from version 21.
    if (!("navigator" in globalThis)) Object.defineProperty(globalThis, "navigator", { value: { userAgent: "jest" }, configurable: true });
    ConsoleLogger.LOG_LEVEL = "ERROR";
    Amplify.configure({ Auth: { Cognito: { userPoolId: ALWAYS, userPoolClientId: ALWAYS_WEB, userPoolEndpoint: emu.url } } });
  });

  it("confirms the device at sign-in, signs in with it next time, lists and forgets it", async () => {
    await expect(signIn({ username: "erin", password: "Passw0rd!" })).resolves.toMatchObject({ isSignedIn: true });
    const deviceKey = (await fetchAuthSession()).tokens!.accessToken.payload.device_key;
    expect(deviceKey).toBeTruthy();
    expect((await fetchDevices()).map((d) => d.id)).toEqual([deviceKey]);
    await signOut();

    await expect(signIn({ username: "erin", password: "Passw0rd!" })).resolves.toMatchObject({ isSignedIn: true });
    expect((await fetchAuthSession()).tokens!.accessToken.payload.device_key).toBe(deviceKey);
    const listed = await idp.send(new AdminListDevicesCommand({ UserPoolId: ALWAYS, Username: "erin" }));
    expect(listed.Devices!.map((d) => d.DeviceKey)).toEqual([deviceKey]);

    await forgetDevice();
    await expect(fetchDevices()).resolves.toEqual([]);
    await signOut();
  });
});
