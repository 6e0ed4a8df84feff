import { generateKeyPairSync } from "node:crypto";
import jwt from "jsonwebtoken";
import { issueOpenIdToken } from "../identity-pools/openid";
import { IDENTITY_POOL_ID, identityTestbed } from "../identity-pools/testing";
import { USER_SUB } from "../../tokens/testing";
import { verifyWebIdentity } from "./web-identity";

const IDENTITY_ID = "us-east-1:11111111-2222-4333-8444-555555555555";
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
};

describe("web identity tokens", () => {
  it("accepts Cognito Identity OpenID tokens until they expire", async () => {
    const bed = identityTestbed();
    const token = await issueOpenIdToken(bed.services, { identityPoolId: IDENTITY_POOL_ID, identityId: IDENTITY_ID, amr: ["authenticated"], expiresInSeconds: 600 });
    expect(verifyWebIdentity(bed.services, token)).toMatchObject({ provider: "cognito-identity.amazonaws.com", claims: { sub: IDENTITY_ID, aud: IDENTITY_POOL_ID } });
    bed.clock.advance(600);
    expect(thrown(() => verifyWebIdentity(bed.services, token))).toMatchObject({
      code: "ExpiredTokenException",
      message: `Token expired: current date/time ${bed.clock.nowSeconds()} must be before the expiration date/time ${bed.clock.nowSeconds()}`,
    });
  });

  it("accepts the emulator's user-pool ID tokens, not their access tokens", async () => {
    const bed = identityTestbed();
    const tokens = await bed.tokens.issue({ pool: bed.pool, client: bed.client, user: bed.user, groups: [], withRefreshToken: false });
    expect(verifyWebIdentity(bed.services, tokens.IdToken)).toMatchObject({ provider: `127.0.0.1:9229/${bed.pool.Id}`, claims: { sub: USER_SUB, aud: bed.client.ClientId } });
    expect(thrown(() => verifyWebIdentity(bed.services, tokens.AccessToken))).toMatchObject({ code: "InvalidIdentityToken" });
  });

  it("refuses what is not a JWT, forged tokens and unknown issuers", async () => {
    const bed = identityTestbed();
    const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    expect(thrown(() => verifyWebIdentity(bed.services, "nope"))).toMatchObject({
      code: "InvalidIdentityToken",
      message: "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)",
    });
    const forged = jwt.sign({ iss: "https://cognito-identity.amazonaws.com", sub: IDENTITY_ID, aud: IDENTITY_POOL_ID }, key, { algorithm: "RS512", keyid: "us-east-1-1" });
    expect(thrown(() => verifyWebIdentity(bed.services, forged))).toMatchObject({ code: "InvalidIdentityToken" });
    const foreign = jwt.sign({ iss: "https://accounts.example.com", sub: "x", aud: "y" }, key, { algorithm: "RS256" });
    expect(thrown(() => verifyWebIdentity(bed.services, foreign))).toMatchObject({
      code: "InvalidIdentityToken",
      message: "No OpenIDConnect provider found in your account for https://accounts.example.com",
    });
  });
});
