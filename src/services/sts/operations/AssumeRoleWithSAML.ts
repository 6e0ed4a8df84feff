import { createHash } from "node:crypto";
import type { AssumeRoleWithSAMLRequest, AssumeRoleWithSAMLResponse } from "@aws-sdk/client-sts";
import { AccessDenied, ExpiredTokenException, InvalidIdentityToken } from "../../../errors";
import { samlRoles } from "../../identity-pools/saml";
import { operation } from "../../operation";
import { readSamlAssertion, SAML_ROLE_SESSION_NAME_ATTRIBUTE, SAML_SOURCE_IDENTITY_ATTRIBUTE, subjectType } from "../saml";
import { assumedRole, issueCredentials, parseRoleArn } from "../sessions";

const DEFAULT_DURATION_SECONDS = 3600;
/** STS takes an assertion only within 5 minutes of its IssueInstant. */
const REDEEM_WITHIN_SECONDS = 300;
const SAML_PROVIDER_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):saml-provider\/([\w+=,.@-]+)$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/**
 * Unsigned: the SAML response is the proof. Any provider ARN is taken as registered, and the assertion's
 * signature is not checked; its Role attribute must grant the role through that provider.
 */
export default operation<AssumeRoleWithSAMLRequest, AssumeRoleWithSAMLResponse>((input, ctx) => {
  const provider = SAML_PROVIDER_ARN.exec(input.PrincipalArn!);
  if (!provider) throw InvalidIdentityToken("Specified provider doesn't exist.");
  const assertion = readSamlAssertion(input.SAMLAssertion!);
  if (!assertion) throw InvalidIdentityToken("Invalid SAML response: no assertion with a NameID was found.");

  const now = ctx.services.clock.nowSeconds();
  if (assertion.issueInstant !== undefined && now - assertion.issueInstant > REDEEM_WITHIN_SECONDS) {
    throw ExpiredTokenException("Token must be redeemed within 5 minutes of issuance");
  }
  const expiries = [assertion.notOnOrAfter, assertion.confirmationNotOnOrAfter].filter((t): t is number => t !== undefined);
  if (expiries.some((t) => t <= now)) throw ExpiredTokenException("SAML assertion is expired");

  const role = parseRoleArn(input.RoleArn!);
  if (!role || !samlRoles(assertion, input.PrincipalArn!).includes(input.RoleArn!)) throw AccessDenied("Not authorized to perform sts:AssumeRoleWithSAML");
  const sessionName = assertion.attributes[SAML_ROLE_SESSION_NAME_ATTRIBUTE]?.[0];
  if (!sessionName || !SESSION_NAME.test(sessionName)) throw InvalidIdentityToken("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");

  const requested = input.DurationSeconds ?? DEFAULT_DURATION_SECONDS;
  const duration = assertion.sessionNotOnOrAfter === undefined ? requested : Math.min(requested, assertion.sessionNotOnOrAfter - now);
  const session = assumedRole(role, sessionName);
  const credentials = issueCredentials(
    ctx.services,
    { Account: session.Account, Arn: session.Arn, UserId: session.UserId, RoleArn: role.arn, SessionName: sessionName },
    duration,
  );
  const issuer = assertion.issuer ?? "";
  return {
    Credentials: credentials,
    AssumedRoleUser: { AssumedRoleId: session.AssumedRoleId, Arn: session.Arn },
    Subject: assertion.nameId,
    SubjectType: subjectType(assertion.nameIdFormat),
    Issuer: assertion.issuer,
    Audience: assertion.recipient,
    NameQualifier: createHash("sha1").update(`${issuer}${provider[1]}/${provider[2]}`).digest("base64"),
    SourceIdentity: assertion.attributes[SAML_SOURCE_IDENTITY_ATTRIBUTE]?.[0],
  };
});
