import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
} from "@aws-sdk/client-sts";
import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator } from "../support/emulator";

const REGION = "us-east-1";
const USER_POOL_ID = "us-east-1_StsTests01";
const CLIENT_ID = "ststestsclient00000000001";
const ROLE = "arn:aws:iam::210987654321:role/app/Reader";
const fixture = {
  UserPools: [
    {
      Id: USER_POOL_ID,
      PoolName: "sts",
      Clients: [{ ClientId: CLIENT_ID, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Users: [{ Username: "carol", Password: "Passw0rd!" }],
    },
  ],
};

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(fixture);
});
afterAll(() => emu.stop());

const sts = (credentials: AwsCredentialIdentity = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }) =>
  new STSClient({ endpoint: emu.url, region: REGION, credentials, maxAttempts: 1 });
const asAws = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): AwsCredentialIdentity => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken,
});

async function signIn() {
  const { AuthenticationResult } = await idpClient(emu).send(
    new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: CLIENT_ID, AuthParameters: { USERNAME: "carol", PASSWORD: "Passw0rd!" } }),
  );
  return AuthenticationResult!;
}

describe("STS", () => {
  it("does not know credentials it never issued", async () => {
    await expect(sts().send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "InvalidClientTokenId",
      message: "The security token included in the request is invalid.",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("AssumeRole issues credentials that GetCallerIdentity answers as the assumed role, until they expire", async () => {
    const { Credentials, AssumedRoleUser } = await sts().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "tests", DurationSeconds: 900 }));
    expect(Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(Credentials!.Expiration).toBeInstanceOf(Date);
    expect(AssumedRoleUser).toEqual({ AssumedRoleId: expect.stringMatching(/^AROA[A-Z0-9]{17}:tests$/), Arn: "arn:aws:sts::210987654321:assumed-role/Reader/tests" });
    const caller = await sts(asAws(Credentials!)).send(new GetCallerIdentityCommand({}));
    expect(caller).toMatchObject({ Account: "210987654321", Arn: "arn:aws:sts::210987654321:assumed-role/Reader/tests", UserId: AssumedRoleUser!.AssumedRoleId });
    expect((await sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: Credentials!.AccessKeyId }))).Account).toBe("210987654321");

    await emu.clock.advance(900);
    await expect(sts(asAws(Credentials!)).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "ExpiredToken",
      message: "The security token included in the request is expired",
    });
    await expect(sts({ ...asAws(Credentials!), sessionToken: "forged" }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "InvalidClientTokenId" });
  });

  it("GetSessionToken acts as the long-term caller, and is refused to session credentials", async () => {
    const { Credentials } = await sts().send(new GetSessionTokenCommand({}));
    expect(Credentials!.Expiration!.getTime() - (Date.now() + emu.clock.offsetSeconds() * 1000)).toBeGreaterThan(43_000_000);
    expect(await sts(asAws(Credentials!)).send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:root" });
    await expect(sts(asAws(Credentials!)).send(new GetSessionTokenCommand({}))).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("AssumeRoleWithWebIdentity takes a user-pool ID token, not its access token, nor an expired one", async () => {
    const { IdToken, AccessToken } = await signIn();
    const result = await sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: "web", WebIdentityToken: IdToken }));
    expect(result).toMatchObject({ Audience: CLIENT_ID, Provider: expect.stringMatching(new RegExp(`/${USER_POOL_ID}$`)), SubjectFromWebIdentityToken: expect.any(String) });
    expect((await sts(asAws(result.Credentials!)).send(new GetCallerIdentityCommand({}))).Arn).toBe("arn:aws:sts::210987654321:assumed-role/Reader/web");

    await expect(sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: "web", WebIdentityToken: AccessToken }))).rejects.toMatchObject({
      name: "InvalidIdentityTokenException",
      message: "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)",
    });
    await emu.clock.advance(3600);
    await expect(sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: "web", WebIdentityToken: IdToken }))).rejects.toMatchObject({
      name: "ExpiredTokenException",
      message: expect.stringMatching(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/),
    });
  });

  it("answers in STS's XML, errors included", async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(emu.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body });
    const ok = await post(`Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=${encodeURIComponent(ROLE)}&RoleSessionName=xml&WebIdentityToken=${(await signIn()).IdToken}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await ok.text()).toMatch(
      /^<AssumeRoleWithWebIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIA/,
    );
    const denied = await post("Action=GetCallerIdentity&Version=2011-06-15", { authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0" });
    expect(denied.status).toBe(403);
    expect(await denied.text()).toMatch(/<Error><Type>Sender<\/Type><Code>InvalidClientTokenId<\/Code><Message>The security token included in the request is invalid\.<\/Message><\/Error>/);
  });
});
