import { createPublicKey, type JsonWebKey } from "node:crypto";
import jwt from "jsonwebtoken";
import {
  AssumeRoleCommand,
  AssumeRoleWithSAMLCommand,
  AssumeRootCommand,
  DecodeAuthorizationMessageCommand,
  GetCallerIdentityCommand,
  GetDelegatedAccessTokenCommand,
  GetFederationTokenCommand,
  GetWebIdentityTokenCommand,
  STSClient,
} from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import type { RunningEmulator } from "../../src/server/emulator";
import { encodeAuthorizationMessage } from "../../src/services/sts/authorization-messages";
import { outboundJwks } from "../../src/services/sts/outbound-tokens";
import { startTestEmulator } from "../support/emulator";

const REGION = "us-east-1";
const ACCOUNT = "123456789012";
const ROLE = "arn:aws:iam::210987654321:role/sso/Developer";
const PROVIDER = "arn:aws:iam::210987654321:saml-provider/Corp";
const ROOT_KEYS: AwsCredentialIdentity = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const sts = (credentials = ROOT_KEYS) => new STSClient({ endpoint: emu.url, region: REGION, credentials, maxAttempts: 1 });
const asAws = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): AwsCredentialIdentity => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken,
});
const callerOf = async (credentials: AwsCredentialIdentity) => sts(credentials).send(new GetCallerIdentityCommand({}));
const now = () => new Date(Date.now() + emu.clock.offsetSeconds() * 1000);

interface SamlOptions {
  roles?: string[];
  sessionName?: string | null;
  issuedSecondsAgo?: number;
  validSeconds?: number;
  sessionNotOnOrAfterSeconds?: number;
}

/** A SAML response as an IdP posts it, unsigned: the fixtures declare no metadata for this provider, so its signature is not checked. */
function samlResponse(options: SamlOptions = {}): string {
  const issued = new Date(now().getTime() - (options.issuedSecondsAgo ?? 0) * 1000).toISOString();
  const expires = new Date(now().getTime() + (options.validSeconds ?? 300) * 1000).toISOString();
  const attribute = (name: string, values: string[]) =>
    `<saml:Attribute Name="${name}">${values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join("")}</saml:Attribute>`;
  const sessionName = options.sessionName === undefined ? "jane@example.com" : options.sessionName;
  const sessionEnd = options.sessionNotOnOrAfterSeconds ? ` SessionNotOnOrAfter="${new Date(now().getTime() + options.sessionNotOnOrAfterSeconds * 1000).toISOString()}"` : "";
  const xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" IssueInstant="${issued}">` +
    `<saml:Issuer>https://idp.example.com/saml</saml:Issuer>` +
    `<saml:Assertion ID="_a1" IssueInstant="${issued}" Version="2.0"><saml:Issuer>https://idp.example.com/saml</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">jane</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${expires}" Recipient="https://signin.aws.amazon.com/saml"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${issued}" NotOnOrAfter="${expires}"/>` +
    `<saml:AuthnStatement AuthnInstant="${issued}"${sessionEnd}/>` +
    `<saml:AttributeStatement>` +
    attribute("https://aws.amazon.com/SAML/Attributes/Role", options.roles ?? [`${ROLE},${PROVIDER}`]) +
    (sessionName === null ? "" : attribute("https://aws.amazon.com/SAML/Attributes/RoleSessionName", [sessionName])) +
    attribute("https://aws.amazon.com/SAML/Attributes/SourceIdentity", ["jane"]) +
    `</saml:AttributeStatement></saml:Assertion></samlp:Response>`;
  return Buffer.from(xml).toString("base64");
}

const withSaml = (SAMLAssertion: string, RoleArn = ROLE, DurationSeconds?: number) =>
  sts().send(new AssumeRoleWithSAMLCommand({ RoleArn, PrincipalArn: PROVIDER, SAMLAssertion, DurationSeconds }));

describe("AssumeRoleWithSAML", () => {
  it("takes the role the assertion grants, as a session named by its RoleSessionName", async () => {
    const result = await withSaml(samlResponse());
    expect(result).toMatchObject({
      AssumedRoleUser: { Arn: "arn:aws:sts::210987654321:assumed-role/Developer/jane@example.com", AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:jane@example\.com$/) },
      Subject: "jane",
      SubjectType: "persistent",
      Issuer: "https://idp.example.com/saml",
      Audience: "https://signin.aws.amazon.com/saml",
      NameQualifier: expect.any(String),
      SourceIdentity: "jane",
    });
    expect(result.Credentials!.Expiration!.getTime() - now().getTime()).toBeGreaterThan(3590 * 1000);
    expect(await callerOf(asAws(result.Credentials!))).toMatchObject({ Account: "210987654321", Arn: result.AssumedRoleUser!.Arn });
  });

  it("ends the session no later than the assertion's SessionNotOnOrAfter", async () => {
    const { Credentials } = await withSaml(samlResponse({ sessionNotOnOrAfterSeconds: 1200 }), ROLE, 7200);
    expect(Math.round((Credentials!.Expiration!.getTime() - now().getTime()) / 1000)).toBeLessThanOrEqual(1200);
  });

  it("refuses roles the assertion does not grant, stale or expired assertions, and bad session names", async () => {
    await expect(withSaml(samlResponse(), "arn:aws:iam::210987654321:role/Other")).rejects.toMatchObject({
      name: "AccessDenied",
      message: "Not authorized to perform sts:AssumeRoleWithSAML",
      $metadata: { httpStatusCode: 403 },
    });
    await expect(withSaml(samlResponse({ roles: [`${ROLE},arn:aws:iam::210987654321:saml-provider/Elsewhere`] }))).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(withSaml(samlResponse({ issuedSecondsAgo: 301 }))).rejects.toMatchObject({
      name: "ExpiredTokenException",
      message: "Token must be redeemed within 5 minutes of issuance",
    });
    await expect(withSaml(samlResponse({ validSeconds: -1 }))).rejects.toMatchObject({ name: "ExpiredTokenException" });
    await expect(withSaml(samlResponse({ sessionName: null }))).rejects.toMatchObject({
      name: "InvalidIdentityTokenException",
      message: "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}",
    });
    await expect(withSaml(Buffer.from("<html>login page</html>").toString("base64"))).rejects.toMatchObject({ name: "InvalidIdentityTokenException" });
    await expect(
      sts().send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: "arn:aws:iam::210987654321:oidc-provider/x", SAMLAssertion: samlResponse() })),
    ).rejects.toMatchObject({ name: "InvalidIdentityTokenException", message: "Specified provider doesn't exist." });
  });
});

describe("GetFederationToken", () => {
  it("issues federated-user credentials, an hour at most for the root user", async () => {
    const { Credentials, FederatedUser } = await sts().send(new GetFederationTokenCommand({ Name: "Bob", Policy: '{"Version":"2012-10-17","Statement":[]}' }));
    expect(FederatedUser).toEqual({ FederatedUserId: `${ACCOUNT}:Bob`, Arn: `arn:aws:sts::${ACCOUNT}:federated-user/Bob` });
    expect(Math.round((Credentials!.Expiration!.getTime() - now().getTime()) / 1000)).toBeLessThanOrEqual(3600);
    const federated = asAws(Credentials!);
    expect(await callerOf(federated)).toEqual(expect.objectContaining({ Account: ACCOUNT, Arn: FederatedUser!.Arn, UserId: `${ACCOUNT}:Bob` }));

    await expect(sts(federated).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "sess" }))).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(sts(federated).send(new GetFederationTokenCommand({ Name: "Eve" }))).rejects.toMatchObject({ name: "AccessDenied" });
  });
});

describe("AssumeRoot", () => {
  const task = { arn: "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy" };

  it("gives a management role a short session as a member account's root user", async () => {
    const { Credentials: management } = await sts().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/OrgAdmin`, RoleSessionName: "admin" }));
    const { Credentials } = await sts(asAws(management!)).send(new AssumeRootCommand({ TargetPrincipal: "111122223333", TaskPolicyArn: task }));
    expect((Credentials!.Expiration!.getTime() - now().getTime()) / 1000).toBeGreaterThan(895);
    expect((Credentials!.Expiration!.getTime() - now().getTime()) / 1000).toBeLessThanOrEqual(900);
    expect(await callerOf(asAws(Credentials!))).toEqual(expect.objectContaining({ Account: "111122223333", Arn: "arn:aws:iam::111122223333:root", UserId: "111122223333" }));
    await expect(sts(asAws(management!)).send(new AssumeRootCommand({ TargetPrincipal: "111122223333", TaskPolicyArn: { arn: "arn:aws:iam::aws:policy/AdministratorAccess" } }))).rejects.toMatchObject({
      name: "ValidationError",
    });
  });

  it("is refused to root user credentials", async () => {
    await expect(sts().send(new AssumeRootCommand({ TargetPrincipal: "111122223333", TaskPolicyArn: task }))).rejects.toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });
  });
});

describe("GetWebIdentityToken", () => {
  it("signs a JWT for the caller's role that the issuer's keys verify, with RS256 or ES384", async () => {
    const { Credentials } = await sts().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "worker" }));
    const caller = sts(asAws(Credentials!));
    for (const SigningAlgorithm of ["RS256", "ES384"]) {
      const { WebIdentityToken, Expiration } = await caller.send(
        new GetWebIdentityTokenCommand({ Audience: ["https://api.example.com"], SigningAlgorithm, Tags: [{ Key: "job", Value: "nightly" }] }),
      );
      const { header } = jwt.decode(WebIdentityToken!, { complete: true })!;
      const jwk = outboundJwks(emu.services).keys.find((k) => k.kid === header.kid)!;
      const claims = jwt.verify(WebIdentityToken!, createPublicKey({ key: jwk as JsonWebKey, format: "jwk" }), { algorithms: [SigningAlgorithm as jwt.Algorithm], clockTimestamp: Math.floor(now().getTime() / 1000) }) as jwt.JwtPayload;
      expect(header.alg).toBe(SigningAlgorithm);
      expect(claims).toMatchObject({
        iss: `${emu.url}/sts/210987654321`,
        aud: "https://api.example.com",
        sub: ROLE,
        exp: Expiration!.getTime() / 1000,
        "https://sts.amazonaws.com/": { aws_account: "210987654321", source_region: REGION, request_tags: { job: "nightly" } },
      });
      expect(claims.exp! - claims.iat!).toBe(300);
    }
  });

  it("refuses a token that would outlive the caller's session, and unknown algorithms", async () => {
    const { Credentials } = await sts().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "short", DurationSeconds: 900 }));
    await emu.clock.advance(800);
    await expect(
      sts(asAws(Credentials!)).send(new GetWebIdentityTokenCommand({ Audience: ["a"], SigningAlgorithm: "RS256", DurationSeconds: 200 })),
    ).rejects.toMatchObject({ name: "SessionDurationEscalationException", $metadata: { httpStatusCode: 403 } });
    await expect(sts().send(new GetWebIdentityTokenCommand({ Audience: ["a"], SigningAlgorithm: "HS256" }))).rejects.toMatchObject({ name: "ValidationError" });
  });
});

describe("DecodeAuthorizationMessage", () => {
  it("decodes messages the emulator encoded, and refuses others", async () => {
    const encoded = encodeAuthorizationMessage(emu.services, {
      principal: { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ci`, UserId: "AIDAEXAMPLE" },
      action: "cognito-idp:AdminCreateUser",
      resource: `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/us-east-1_Example01`,
    });
    const { DecodedMessage } = await sts().send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
    expect(JSON.parse(DecodedMessage!)).toMatchObject({
      allowed: false,
      explicitDeny: false,
      context: { principal: { arn: `arn:aws:iam::${ACCOUNT}:user/ci` }, action: "cognito-idp:AdminCreateUser" },
    });
    await expect(sts().send(new DecodeAuthorizationMessageCommand({ EncodedMessage: `${encoded.slice(0, -4)}AAAA` }))).rejects.toMatchObject({
      name: "InvalidAuthorizationMessageException",
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe("GetDelegatedAccessToken", () => {
  it("is named as not implemented: the emulator issues no trade-in tokens", async () => {
    await expect(sts().send(new GetDelegatedAccessTokenCommand({ TradeInToken: "token" }))).rejects.toMatchObject({
      message: "STS GetDelegatedAccessToken is not implemented in cognito-emu",
    });
  });
});
