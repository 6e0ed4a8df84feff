import { generateKeyPairSync } from "node:crypto";
import jwt from "jsonwebtoken";
import { awsIssuer, decodeJwt, USER_SUB } from "../../tokens/testing";
import { createIdentity, requireIdentity } from "./identities";
import { COGNITO_IDENTITY_PROVIDER, MESSAGES, verifyLogins } from "./logins";
import { issueOpenIdToken } from "./openid";
import { amrOf, signIn } from "./sign-in";
import { errorOf, identityTestbed, USER_POOL_PROVIDER } from "./testing";

const notAuthorized = (message: string) => ({ code: "NotAuthorizedException", message });

describe("user-pool logins", () => {
  it("accepts the pool's ID token whatever --issuer mode minted it", async () => {
    for (const bed of [identityTestbed(), identityTestbed({ issuerFor: awsIssuer })]) {
      const pool = bed.putPool();
      const [login] = await verifyLogins(bed.services, pool, { [USER_POOL_PROVIDER]: await bed.idToken() });
      expect(login).toMatchObject({
        provider: USER_POOL_PROVIDER,
        subject: USER_SUB,
        mappingKeys: [`${USER_POOL_PROVIDER}:${bed.client.ClientId}`, USER_POOL_PROVIDER],
        amrEntry: `${USER_POOL_PROVIDER}:CognitoSignIn:${USER_SUB}`,
        roles: ["arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/Editor"],
        preferredRole: "arn:aws:iam::123456789012:role/Admin",
      });
    }
  });

  it("refuses missing, expired, forged, misdirected and access tokens with Cognito's messages", async () => {
    const bed = identityTestbed();
    const pool = bed.putPool();
    const idToken = await bed.idToken();
    const login = (token: string, provider = USER_POOL_PROVIDER) => errorOf(() => verifyLogins(bed.services, pool, { [provider]: token }));

    expect(await login("not-a-jwt")).toMatchObject(notAuthorized(MESSAGES.notOidcToken));
    expect(await login(idToken, "cognito-idp.us-east-1.amazonaws.com/us-east-1_Other0001")).toMatchObject(notAuthorized(MESSAGES.notSupportedProvider));
    expect(await login(idToken, "graph.facebook.com")).toMatchObject(notAuthorized(MESSAGES.notSupportedProvider));
    expect(await login(idToken, COGNITO_IDENTITY_PROVIDER)).toMatchObject(notAuthorized(MESSAGES.cognitoToken));

    const { header, payload } = decodeJwt(idToken);
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const forged = jwt.sign(payload, otherKey, { algorithm: "RS256", header: header as unknown as jwt.JwtHeader });
    expect(await login(forged)).toMatchObject(notAuthorized(MESSAGES.badSignature));
    const otherPool = jwt.sign({ ...payload, iss: "http://127.0.0.1:9229/us-east-1_Other0001" }, otherKey, { algorithm: "RS256" });
    expect(await login(otherPool)).toMatchObject(notAuthorized(MESSAGES.issuerMismatch));

    const { AccessToken } = await bed.tokens.issue({ pool: bed.pool, client: bed.client, user: bed.user, groups: [], withRefreshToken: false });
    expect(await login(AccessToken)).toMatchObject(notAuthorized(MESSAGES.missingAudience));

    const otherClientPool = bed.putPool({ CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: "someotherclient" }] });
    expect(await errorOf(() => verifyLogins(bed.services, otherClientPool, { [USER_POOL_PROVIDER]: idToken }))).toMatchObject(notAuthorized(MESSAGES.notSupportedProvider));

    bed.putPool();
    bed.clock.advance(3600);
    expect(await login(idToken)).toMatchObject(notAuthorized(`Invalid login token. Token expired: ${bed.clock.nowSeconds()} >= ${payload.exp}`));
  });

  it("checks with the user pool when ServerSideTokenCheck is on", async () => {
    const bed = identityTestbed();
    const pool = bed.putPool({ CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: bed.client.ClientId, ServerSideTokenCheck: true }] });
    const token = await bed.idToken();
    await verifyLogins(bed.services, pool, { [USER_POOL_PROVIDER]: token });
    bed.tables.users.put(bed.tables.userKey(bed.pool.Id, bed.user.Username), { ...bed.user, TokensValidAfter: bed.clock.nowSeconds() + 1 });
    expect(await errorOf(() => verifyLogins(bed.services, pool, { [USER_POOL_PROVIDER]: token }))).toMatchObject({ code: "NotAuthorizedException" });
  });
});

describe("signIn", () => {
  it("lets guests in only where the pool allows them, and never an authenticated identity without logins", async () => {
    const bed = identityTestbed();
    const pool = bed.putPool();
    const guest = createIdentity(bed.services, pool);
    const signedIn = await signIn(bed.services, guest.IdentityId);
    expect(signedIn).toMatchObject({ authenticated: false, logins: [] });
    expect(amrOf(signedIn)).toEqual(["unauthenticated"]);

    const user = await signIn(bed.services, guest.IdentityId, { [USER_POOL_PROVIDER]: await bed.idToken() });
    expect(user.identity.IdentityId).toBe(guest.IdentityId);
    expect(amrOf(user)).toEqual(["authenticated", USER_POOL_PROVIDER, `${USER_POOL_PROVIDER}:CognitoSignIn:${USER_SUB}`]);
    expect(await errorOf(() => signIn(bed.services, guest.IdentityId))).toMatchObject(notAuthorized(MESSAGES.loginsDontMatch));

    bed.putPool({ AllowUnauthenticatedIdentities: false });
    const other = createIdentity(bed.services, pool);
    expect(await errorOf(() => signIn(bed.services, other.IdentityId))).toMatchObject(notAuthorized(MESSAGES.unauthenticatedNotSupported));
    expect(await errorOf(() => signIn(bed.services, "us-east-1:00000000-0000-4000-8000-00000000dead"))).toMatchObject({
      code: "ResourceNotFoundException",
      message: "Identity 'us-east-1:00000000-0000-4000-8000-00000000dead' not found.",
    });
  });

  it("merges a guest identity into the identity that already has the login", async () => {
    const bed = identityTestbed();
    const pool = bed.putPool();
    const token = await bed.idToken();
    const owner = createIdentity(bed.services, pool, [{ Provider: USER_POOL_PROVIDER, Subject: USER_SUB }]);
    const guest = createIdentity(bed.services, pool);
    const signedIn = await signIn(bed.services, guest.IdentityId, { [USER_POOL_PROVIDER]: token });
    expect(signedIn.identity.IdentityId).toBe(owner.IdentityId);
    expect(requireIdentity(bed.services, guest.IdentityId).MergedInto).toBe(owner.IdentityId);
    expect(await errorOf(() => signIn(bed.services, guest.IdentityId))).toMatchObject(notAuthorized(`Access to Identity '${guest.IdentityId}' is forbidden.`));
    // The merged identity still reaches its parent through the parent's login.
    expect((await signIn(bed.services, guest.IdentityId, { [USER_POOL_PROVIDER]: token })).identity.IdentityId).toBe(owner.IdentityId);
  });

  it("accepts Cognito's own OpenID token for the identity it names", async () => {
    const bed = identityTestbed();
    const pool = bed.putPool({ DeveloperProviderName: "login.example" });
    const identity = createIdentity(bed.services, pool, [{ Provider: "login.example", Subject: "user-1" }]);
    const token = await issueOpenIdToken(bed.services, { identityPoolId: pool.IdentityPoolId, identityId: identity.IdentityId, amr: ["authenticated"], expiresInSeconds: 60 });
    const signedIn = await signIn(bed.services, identity.IdentityId, { [COGNITO_IDENTITY_PROVIDER]: token });
    expect(signedIn.authenticated).toBe(true);
    expect(amrOf(signedIn)).toEqual(["authenticated", "login.example", `login.example:${pool.IdentityPoolId}:user-1`]);
    const other = createIdentity(bed.services, pool);
    expect(await errorOf(() => signIn(bed.services, other.IdentityId, { [COGNITO_IDENTITY_PROVIDER]: token }))).toMatchObject(notAuthorized(MESSAGES.loginsDontMatch));
    bed.clock.advance(61);
    expect(await errorOf(() => signIn(bed.services, identity.IdentityId, { [COGNITO_IDENTITY_PROVIDER]: token }))).toMatchObject({ code: "NotAuthorizedException" });
  });
});
