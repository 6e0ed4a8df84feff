import {
  AdminDeleteUserAttributesCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  DeleteUserAttributesCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
  type AttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import type { RunningEmulator } from "../../src/server/emulator";
import { useEmulator } from "../support/emulator";

const POOL = "us-east-1_Attrs00001";
const WEB = "attrsweb00000000000000001";
const LIMITED = "attrslimited0000000000001";
const KEEP_POOL = "us-east-1_Attrs00002";
const KEEP_WEB = "attrskeepweb0000000000001";
const ALIAS_POOL = "us-east-1_Attrs00003";
const ALIAS_WEB = "attrsaliasweb000000000001";

const flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "attributes",
      AutoVerifiedAttributes: ["email"],
      Schema: [
        { Name: "name", AttributeDataType: "String", Required: true, Mutable: true },
        { Name: "tier", AttributeDataType: "String", Mutable: false },
        { Name: "plan", AttributeDataType: "String", Mutable: true },
        { Name: "secret", AttributeDataType: "String", DeveloperOnlyAttribute: true },
      ],
      Clients: [
        { ClientId: WEB, ClientName: "web", ExplicitAuthFlows: flows },
        { ClientId: LIMITED, ClientName: "limited", ExplicitAuthFlows: flows, WriteAttributes: ["name", "email"] },
      ],
      Users: [
        { Username: "alice", Password: "Passw0rd!", Attributes: { name: "Alice", email: "alice@example.com", email_verified: "true", "custom:tier": "gold" } },
        { Username: "bob", Password: "Passw0rd!", Attributes: { name: "Bob", email: "bob@example.com", email_verified: "true" } },
      ],
    },
    {
      Id: KEEP_POOL,
      PoolName: "verify-before-update",
      AutoVerifiedAttributes: ["email"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
      Clients: [{ ClientId: KEEP_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
      Users: [{ Username: "kim", Password: "Passw0rd!", Attributes: { email: "kim@example.com", email_verified: "true" } }],
    },
    {
      Id: ALIAS_POOL,
      PoolName: "email-alias",
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Clients: [{ ClientId: ALIAS_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
      Users: [
        { Username: "ann", Password: "Passw0rd!", Attributes: { email: "ann@example.com", email_verified: "true" } },
        { Username: "ben", Password: "Passw0rd!", Attributes: { email: "ben@example.com", email_verified: "true" } },
      ],
    },
  ],
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

useEmulator(fixture, (started) => ({ emu, idp } = started));

const attributes = (values: Record<string, string>): AttributeType[] => Object.entries(values).map(([Name, Value]) => ({ Name, Value }));
async function tokensOf(username: string, clientId = WEB) {
  const { AuthenticationResult } = await idp.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: "Passw0rd!" } }),
  );
  return AuthenticationResult!;
}
const accessTokenOf = async (username: string, clientId = WEB) => (await tokensOf(username, clientId)).AccessToken!;
const update = (accessToken: string, values: Record<string, string>) => idp.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: attributes(values) }));
const adminUpdate = (username: string, values: Record<string, string>, poolId = POOL) =>
  idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: username, UserAttributes: attributes(values) }));
const verify = (accessToken: string, code: string, attribute = "email") => idp.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: attribute, Code: code }));
async function attributesOf(accessToken: string): Promise<Record<string, string>> {
  const { UserAttributes } = await idp.send(new GetUserCommand({ AccessToken: accessToken }));
  return Object.fromEntries(UserAttributes!.map((a) => [a.Name!, a.Value!]));
}
const lastMessage = async (username: string, poolId = POOL) => (await emu.messages({ userPoolId: poolId, username })).at(-1);
const wrong = (code: string) => (code === "000000" ? "111111" : "000000");

describe("self-service attribute updates", () => {
  it("writes ordinary attributes at once, without codes", async () => {
    const token = await accessTokenOf("alice");
    expect((await update(token, { name: "Alice B", "custom:plan": "pro" })).CodeDeliveryDetailsList).toBeUndefined();
    expect(await attributesOf(token)).toMatchObject({ name: "Alice B", "custom:plan": "pro", email: "alice@example.com", email_verified: "true" });
    expect(await emu.messages({ userPoolId: POOL })).toEqual([]);
  });

  it("unverifies a changed email, sends a code to it and verifies it with the code", async () => {
    const token = await accessTokenOf("alice");
    const { CodeDeliveryDetailsList } = await update(token, { email: "alice@example.org" });
    expect(CodeDeliveryDetailsList).toEqual([{ Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" }]);
    expect(await attributesOf(token)).toMatchObject({ email: "alice@example.org", email_verified: "false" });
    const sent = (await lastMessage("alice"))!;
    expect(sent).toMatchObject({ reason: "UpdateUserAttribute", destination: "alice@example.org", message: `Your verification code is ${sent.code}. ` });

    await expect(verify(token, wrong(sent.code!))).rejects.toMatchObject({ name: "CodeMismatchException", message: "Invalid verification code provided, please try again." });
    await verify(token, sent.code!);
    expect(await attributesOf(token)).toMatchObject({ email: "alice@example.org", email_verified: "true" });
    const idToken = decodeJwt((await tokensOf("alice")).IdToken!);
    expect(idToken).toMatchObject({ email: "alice@example.org", email_verified: true });
  });

  it("sends a fresh verification code on request, which expires after a day", async () => {
    const token = await accessTokenOf("alice");
    const { CodeDeliveryDetails } = await idp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: "email" }));
    expect(CodeDeliveryDetails).toEqual({ Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    const sent = (await lastMessage("alice"))!;
    expect(sent.reason).toBe("VerifyUserAttribute");
    await emu.clock.advance(86_400);
    const fresh = await accessTokenOf("alice");
    await expect(verify(fresh, sent.code!)).rejects.toMatchObject({ name: "ExpiredCodeException", message: "Invalid code provided, please request a code again." });
    await expect(idp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: fresh, AttributeName: "phone_number" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
  });

  it("refuses what a user may not write, with Cognito's errors", async () => {
    const token = await accessTokenOf("alice");
    const unauthorized = { name: "NotAuthorizedException", message: "A client attempted to write unauthorized attribute" };
    await expect(update(token, { email_verified: "true" })).rejects.toMatchObject(unauthorized);
    await expect(update(token, { "dev:custom:secret": "x" })).rejects.toMatchObject(unauthorized);
    await expect(update(await accessTokenOf("alice", LIMITED), { "custom:plan": "pro" })).rejects.toMatchObject(unauthorized);
    await expect(update(token, { "custom:tier": "platinum" })).rejects.toMatchObject({ name: "InvalidParameterException", message: "Cannot modify an already provided custom:tier" });
    await expect(update(token, { sub: "mine" })).rejects.toMatchObject({ message: "Attributes did not conform to the schema: sub: Attribute cannot be updated." });
    await expect(update(token, { "custom:nope": "x" })).rejects.toMatchObject({
      message: "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.",
    });
    await expect(update(token, { phone_number: "5550100" })).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid phone number format." });
    await expect(update("not-a-token", { name: "x" })).rejects.toMatchObject({ name: "NotAuthorizedException" });
    expect(await attributesOf(token)).toMatchObject({ name: "Alice", "custom:tier": "gold", email_verified: "true" });
  });

  it("deletes attributes, but not required or immutable ones", async () => {
    const token = await accessTokenOf("alice");
    await update(token, { "custom:plan": "pro", given_name: "Al" });
    await idp.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ["custom:plan"] }));
    await update(token, { given_name: "" });
    const left = await attributesOf(token);
    expect(left).not.toHaveProperty("custom:plan");
    expect(left).not.toHaveProperty("given_name");
    await expect(idp.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ["name"] }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Attributes did not conform to the schema: name: The attribute is required",
    });
    await expect(idp.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ["custom:tier"] }))).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
  });

  it("keeps the old email in effect until the new one is verified when the pool requires it", async () => {
    const token = await accessTokenOf("kim", KEEP_WEB);
    const { CodeDeliveryDetailsList } = await update(token, { email: "kim@example.org" });
    expect(CodeDeliveryDetailsList).toEqual([{ Destination: "k***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" }]);
    expect(await attributesOf(token)).toMatchObject({ email: "kim@example.com", email_verified: "true" });
    const sent = (await lastMessage("kim", KEEP_POOL))!;
    expect(sent.destination).toBe("kim@example.org");
    await verify(token, sent.code!);
    expect(await attributesOf(token)).toMatchObject({ email: "kim@example.org", email_verified: "true" });
  });
});

describe("administrator attribute updates", () => {
  const adminAttributes = async (username: string, poolId = POOL) =>
    Object.fromEntries((await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserAttributes!.map((a) => [a.Name!, a.Value!]));

  it("sets attributes, verification flags and developer-only attributes; a verified email needs no code", async () => {
    expect(await adminUpdate("bob", { email: "bob@example.org", email_verified: "true", "dev:custom:secret": "s3" })).toBeDefined();
    expect(await adminAttributes("bob")).toMatchObject({ email: "bob@example.org", email_verified: "true", "dev:custom:secret": "s3" });
    expect(await emu.messages({ userPoolId: POOL, username: "bob" })).toEqual([]);

    await adminUpdate("bob", { email: "bob@example.net" });
    expect(await adminAttributes("bob")).toMatchObject({ email: "bob@example.net", email_verified: "false" });
    expect(await lastMessage("bob")).toMatchObject({ reason: "UpdateUserAttribute", destination: "bob@example.net" });
  });

  it("confirms a value waiting for verification when it marks the attribute verified", async () => {
    await adminUpdate("kim", { email: "kim@example.net" }, KEEP_POOL);
    expect(await adminAttributes("kim", KEEP_POOL)).toMatchObject({ email: "kim@example.com" });
    await adminUpdate("kim", { email_verified: "true" }, KEEP_POOL);
    expect(await adminAttributes("kim", KEEP_POOL)).toMatchObject({ email: "kim@example.net", email_verified: "true" });
  });

  it("deletes attributes, a contact's verification flag with it", async () => {
    await idp.send(new AdminDeleteUserAttributesCommand({ UserPoolId: POOL, Username: "bob", UserAttributeNames: ["email"] }));
    const left = await adminAttributes("bob");
    expect(left).not.toHaveProperty("email");
    expect(left).not.toHaveProperty("email_verified");
  });

  it("answers unknown users and pools with Cognito's errors", async () => {
    await expect(adminUpdate("ghost", { name: "x" })).rejects.toMatchObject({ name: "UserNotFoundException", message: "User does not exist." });
    await expect(adminUpdate("bob", { name: "x" }, "us-east-1_NoSuchPool")).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(idp.send(new AdminDeleteUserAttributesCommand({ UserPoolId: POOL, Username: "ghost", UserAttributeNames: ["name"] }))).rejects.toMatchObject({
      name: "UserNotFoundException",
    });
  });
});

describe("aliases", () => {
  it("refuses to verify an email another user signs in with", async () => {
    const token = await accessTokenOf("ben", ALIAS_WEB);
    await update(token, { email: "ann@example.com" });
    const { code } = (await lastMessage("ben", ALIAS_POOL))!;
    await expect(verify(token, code!)).rejects.toMatchObject({ name: "AliasExistsException", message: "An account with the given email already exists." });
    await expect(adminUpdate("ben", { email: "ann@example.com", email_verified: "true" }, ALIAS_POOL)).rejects.toMatchObject({ name: "AliasExistsException" });
    // The email still signs in its owner.
    expect(decodeJwt((await tokensOf("ann@example.com", ALIAS_WEB)).AccessToken!).username).toBe("ann");
  });
});
