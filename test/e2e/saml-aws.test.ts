import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { RunningEmulator } from "../../src/server/emulator";
import { startTestEmulator } from "../support/emulator";
import { type SamlIdp, startSamlIdp } from "../support/saml-idp";

/**
 * SAML responses given to AWS: identity pools' `Logins` with a SAML provider ARN, and STS
 * AssumeRoleWithSAML, checked against an IAM SAML provider the fixtures declare with the IdP's metadata.
 * The IdP is real (samlify), and signs what AWS's SAML documentation asks for: Audience
 * `urn:amazon:webservices`, Recipient `https://signin.aws.amazon.com/saml`, the Role and
 * RoleSessionName attributes.
 *
 * STS's answers are those IAM's "Troubleshoot SAML federation with IAM" lists: "Response signature
 * invalid" (InvalidIdentityToken), "Response does not contain the required audience.", "Issuer not
 * present in specified provider"; an expired assertion is ExpiredTokenException and an IdP's failure
 * status IDPRejectedClaim (the service model's errors of AssumeRoleWithSAML).
 */

const REGION = "us-east-1";
const PROVIDER = "arn:aws:iam::123456789012:saml-provider/Corp";
const ROLE = "arn:aws:iam::123456789012:role/SamlUsers";
const IDENTITY_POOL = "us-east-1:00000000-0000-4000-8000-00000000a5a1";
const KEYS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

let idp: SamlIdp;
let impostor: SamlIdp;
let emu: RunningEmulator;
let sts: STSClient;
let identity: CognitoIdentityClient;

beforeAll(async () => {
  const user = {
    nameId: "jane@example.com",
    attributes: {
      "https://aws.amazon.com/SAML/Attributes/Role": `${ROLE},${PROVIDER}`,
      "https://aws.amazon.com/SAML/Attributes/RoleSessionName": "jane@example.com",
      email: "jane@example.com",
    },
  };
  idp = await startSamlIdp({ user });
  impostor = await startSamlIdp({ user });
  for (const each of [idp, impostor]) each.trust({ entityId: "urn:amazon:webservices", acsUrl: "https://signin.aws.amazon.com/saml" });
  emu = await startTestEmulator({
    // The IAM SAML provider, declared with its metadata document (no IAM here).
    SamlProviders: [{ Name: "Corp", SAMLMetadataDocument: idp.metadata }],
    IdentityPools: [
      {
        IdentityPoolId: IDENTITY_POOL,
        IdentityPoolName: "saml",
        AllowUnauthenticatedIdentities: false,
        SamlProviderARNs: [PROVIDER],
        Roles: { authenticated: "arn:aws:iam::123456789012:role/Authenticated" },
      },
    ],
  });
  sts = new STSClient({ endpoint: emu.url, region: REGION, credentials: KEYS, maxAttempts: 1 });
  identity = new CognitoIdentityClient({ endpoint: emu.url, region: REGION, credentials: KEYS, maxAttempts: 1 });
});
afterAll(async () => {
  sts?.destroy();
  identity?.destroy();
  await emu?.stop();
  await idp?.stop();
  await impostor?.stop();
});

const tampered = async () => {
  const xml = Buffer.from(await idp.response(), "base64").toString();
  const forged = xml.replace(`${ROLE},${PROVIDER}`, `arn:aws:iam::123456789012:role/Admin,${PROVIDER}`);
  expect(forged).not.toBe(xml);
  return Buffer.from(forged).toString("base64");
};

describe("identity pools with a SAML provider", () => {
  const credentialsFor = async (response: string) => {
    const Logins = { [PROVIDER]: response };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL, Logins }));
    return identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  };

  it("give credentials for a signed response", async () => {
    const { Credentials, IdentityId } = await credentialsFor(await idp.response());
    expect(IdentityId).toMatch(/^us-east-1:/);
    expect(Credentials?.AccessKeyId).toBeTruthy();
    const caller = await new STSClient({
      endpoint: emu.url,
      region: REGION,
      maxAttempts: 1,
      credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken },
    }).send(new GetCallerIdentityCommand({}));
    expect(caller.Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/Authenticated\//);
  });

  it("refuse a forged, foreign-signed, unsigned, wrongly addressed or expired response", async () => {
    const refusal = (response: string) => credentialsFor(response).then(() => "accepted", (error: Error) => `${error.name}: ${error.message}`);
    expect(await refusal(await tampered())).toBe("NotAuthorizedException: Invalid login token. Response signature invalid");
    expect(await refusal(await impostor.response({ issuer: idp.entityId }))).toBe("NotAuthorizedException: Invalid login token. Response signature invalid");
    expect(await refusal(await idp.response({ sign: "none" }))).toBe("NotAuthorizedException: Invalid login token. Response signature invalid");
    expect(await refusal(await idp.response({ audience: "urn:amazon:cognito:sp:us-east-1_Other" }))).toBe(
      "NotAuthorizedException: Invalid login token. Response does not contain the required audience.",
    );
    expect(await refusal(await idp.response({ issuedAt: new Date(Date.now() - 600_000) }))).toMatch(/^NotAuthorizedException: Invalid login token\. Token expired: \d+ >= \d+$/);
    // Cognito's words for a Logins value that is not base64 at all (blog.dan.drown.org, "Invalid base64 SAMLResponse").
    expect(await refusal("<samlp:Response/>")).toBe("NotAuthorizedException: Invalid base64 SAMLResponse");
  });
});

describe("AssumeRoleWithSAML with a declared SAML provider", () => {
  const assume = (SAMLAssertion: string) => sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion }));
  const refusal = (response: string) => assume(response).then(() => "accepted", (error: Error) => `${error.name}: ${error.message}`);

  it("gives credentials for a signed response", async () => {
    const result = await assume(await idp.response());
    expect(result).toMatchObject({
      Subject: "jane@example.com",
      SubjectType: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
      Issuer: idp.entityId,
      Audience: "https://signin.aws.amazon.com/saml",
      AssumedRoleUser: { Arn: "arn:aws:sts::123456789012:assumed-role/SamlUsers/jane@example.com" },
    });
    expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it("refuses a forged or unsigned response, and one signed by another key", async () => {
    expect(await refusal(await tampered())).toBe("InvalidIdentityTokenException: Response signature invalid");
    expect(await refusal(await idp.response({ sign: "none" }))).toBe("InvalidIdentityTokenException: Response signature invalid");
    expect(await refusal(await impostor.response({ issuer: idp.entityId }))).toBe("InvalidIdentityTokenException: Response signature invalid");
  });

  it("refuses a wrongly addressed response, another issuer's, an expired one, and an IdP's failure", async () => {
    expect(await refusal(await idp.response({ audience: "https://elsewhere.example/saml" }))).toBe("InvalidIdentityTokenException: Response does not contain the required audience.");
    expect(await refusal(await idp.response({ recipient: "https://elsewhere.example/acs" }))).toBe("InvalidIdentityTokenException: Response does not contain the required audience.");
    expect(await refusal(await idp.response({ issuer: "https://impostor.example" }))).toBe("InvalidIdentityTokenException: Issuer not present in specified provider");
    expect(await refusal(await idp.response({ issuedAt: new Date(Date.now() - 240_000), validForSeconds: 60 }))).toBe("ExpiredTokenException: SAML assertion is expired");
    expect(await refusal(await idp.response({ issuedAt: new Date(Date.now() - 360_000), validForSeconds: 3600 }))).toBe(
      "ExpiredTokenException: Token must be redeemed within 5 minutes of issuance",
    );
    expect(await refusal(await idp.response({ status: "urn:oasis:names:tc:SAML:2.0:status:Responder" }))).toBe(
      "IDPRejectedClaimException: The identity provider reported that authentication failed.",
    );
  });
});
