import { createIdentityPool, deleteIdentityPool, describeIdentityPool, identityPoolArn, poolOfArn, poolsInRegion, requireIdentityPool, setRoles, updateIdentityPool } from "./pools";
import { createIdentity } from "./identities";
import { identityPoolTables } from "./tables";
import { AUTH_ROLE, errorOf, identityTestbed, USER_POOL_PROVIDER } from "./testing";

describe("identity pools", () => {
  it("creates a pool with a <region>:<uuid> id and describes it as Cognito does", () => {
    const { services } = identityTestbed();
    const pool = createIdentityPool(services, "eu-west-1", {
      IdentityPoolName: "app",
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ProviderName: "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123456", ClientId: "client1" }],
      IdentityPoolTags: { team: "a" },
    });
    expect(pool.IdentityPoolId).toMatch(/^eu-west-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(describeIdentityPool(pool)).toEqual({
      IdentityPoolId: pool.IdentityPoolId,
      IdentityPoolName: "app",
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ProviderName: "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123456", ClientId: "client1", ServerSideTokenCheck: false }],
      IdentityPoolTags: { team: "a" },
    });
    expect(poolsInRegion(services, "eu-west-1").map((p) => p.IdentityPoolId)).toEqual([pool.IdentityPoolId]);
    expect(poolsInRegion(services, "us-east-1")).toEqual([]);
  });

  it("refuses providers that are not user pools, OIDC or SAML provider ARNs", async () => {
    const { services } = identityTestbed();
    const base = { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true };
    expect(await errorOf(() => createIdentityPool(services, "us-east-1", { ...base, CognitoIdentityProviders: [{ ProviderName: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x" }] }))).toMatchObject({
      code: "InvalidParameterException",
      message: "Invalid Cognito Identity Provider",
    });
    expect(await errorOf(() => createIdentityPool(services, "us-east-1", { ...base, OpenIdConnectProviderARNs: ["accounts.example.com"] }))).toMatchObject({
      code: "InvalidParameterException",
    });
    expect(await errorOf(() => createIdentityPool(services, "us-east-1", { ...base, SamlProviderARNs: ["arn:aws:iam::123456789012:role/x"] }))).toMatchObject({
      code: "InvalidParameterException",
    });
  });

  it("updates every setting but the developer provider, tags and roles", async () => {
    const { services } = identityTestbed();
    const pool = createIdentityPool(services, "us-east-1", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true, DeveloperProviderName: "login.example", AllowClassicFlow: true, IdentityPoolTags: { a: "1" } });
    setRoles(services, pool, { authenticated: AUTH_ROLE }, undefined);
    const updated = updateIdentityPool(services, { IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: "q", AllowUnauthenticatedIdentities: false });
    expect(describeIdentityPool(updated)).toEqual({
      IdentityPoolId: pool.IdentityPoolId,
      IdentityPoolName: "q",
      AllowUnauthenticatedIdentities: false,
      DeveloperProviderName: "login.example",
      IdentityPoolTags: { a: "1" },
    });
    expect(requireIdentityPool(services, pool.IdentityPoolId).Roles).toEqual({ authenticated: AUTH_ROLE });
    expect(
      await errorOf(() => updateIdentityPool(services, { IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: "q", AllowUnauthenticatedIdentities: false, DeveloperProviderName: "other" })),
    ).toMatchObject({ code: "InvalidParameterException" });
  });

  it("deletes a pool with its identities", async () => {
    const { services } = identityTestbed();
    const pool = createIdentityPool(services, "us-east-1", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true });
    const identity = createIdentity(services, pool);
    deleteIdentityPool(services, pool);
    expect(identityPoolTables(services).identities.has(identity.IdentityId)).toBe(false);
    expect(await errorOf(() => requireIdentityPool(services, pool.IdentityPoolId))).toMatchObject({
      code: "ResourceNotFoundException",
      message: `IdentityPool '${pool.IdentityPoolId}' not found.`,
    });
  });

  it("maps roles only for configured providers, user pools by <provider>:<client id>", async () => {
    const bed = identityTestbed();
    const pool = bed.putPool({ SupportedLoginProviders: { "accounts.google.com": "app.apps.googleusercontent.com" } });
    const token = { Type: "Token", AmbiguousRoleResolution: "Deny" } as const;
    setRoles(bed.services, pool, { authenticated: AUTH_ROLE }, { [`${USER_POOL_PROVIDER}:${bed.client.ClientId}`]: token, "accounts.google.com": token });
    expect(Object.keys(requireIdentityPool(bed.services, pool.IdentityPoolId).RoleMappings!)).toHaveLength(2);
    expect(await errorOf(() => setRoles(bed.services, pool, {}, { [USER_POOL_PROVIDER]: token }))).toMatchObject({
      code: "InvalidParameterException",
      message: `${USER_POOL_PROVIDER} is not a valid RoleMapping ProviderName or is not a configured provider.`,
    });
    expect(await errorOf(() => setRoles(bed.services, pool, {}, { "accounts.google.com": { Type: "Rules", AmbiguousRoleResolution: "Deny" } }))).toMatchObject({
      code: "InvalidParameterException",
    });
    expect(await errorOf(() => setRoles(bed.services, pool, { authenticated: "not-a-role" }, undefined))).toMatchObject({ code: "InvalidParameterException" });
    setRoles(bed.services, pool, { unauthenticated: AUTH_ROLE }, undefined);
    expect(requireIdentityPool(bed.services, pool.IdentityPoolId)).not.toHaveProperty("RoleMappings");
  });

  it("finds a pool from its ARN for tagging", async () => {
    const bed = identityTestbed();
    const pool = bed.putPool();
    const arn = identityPoolArn(bed.services, pool);
    expect(arn).toBe(`arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${pool.IdentityPoolId}`);
    expect(poolOfArn(bed.services, arn).IdentityPoolId).toBe(pool.IdentityPoolId);
    expect(await errorOf(() => poolOfArn(bed.services, arn.replace("00000001", "00000002")))).toMatchObject({ code: "ResourceNotFoundException" });
    expect(await errorOf(() => poolOfArn(bed.services, "arn:aws:s3:::bucket"))).toMatchObject({ code: "InvalidParameterException" });
  });
});
