import { createHash } from "node:crypto";
import type { AssumeRoleWithSAMLRequest, AssumeRoleWithSAMLResponse } from "@aws-sdk/client-sts";
import { AccessDenied, ExpiredTokenException, InvalidIdentityToken } from "../../../errors";
import { operation } from "../../operation";
import { samlRoles } from "../../saml/aws";
import { SAML_PROVIDER_ARN } from "../../saml/iam-providers";
import { readStsSamlAssertion, SAML_ROLE_SESSION_NAME_ATTRIBUTE, SAML_SOURCE_IDENTITY_ATTRIBUTE, subjectType } from "../saml";
import { assumedRole, issueCredentials, parseRoleArn } from "../sessions";

const DEFAULT_DURATION_SECONDS = 3600;
/** STS takes an assertion only within 5 minutes of its IssueInstant. */
const REDEEM_WITHIN_MS = 300_000;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/**
 * Unsigned: the SAML response is the proof. Its signature is checked against the IAM SAML provider the
 * fixtures declare (an undeclared provider ARN is taken as registered, its responses read unchecked);
 * its Role attribute must grant the role through that provider.
 */
export default operation<AssumeRoleWithSAMLRequest, AssumeRoleWithSAMLResponse>(async (input, ctx) => {
  const provider = SAML_PROVIDER_ARN.exec(input.PrincipalArn!);
  if (!provider) throw InvalidIdentityToken("Specified provider doesn't exist.");
  const assertion = await readStsSamlAssertion(ctx.services, input.PrincipalArn!, input.SAMLAssertion!);

  const nowMs = ctx.services.clock.now();
  if (assertion.issueInstant !== undefined && nowMs - assertion.issueInstant > REDEEM_WITHIN_MS) {
    throw ExpiredTokenException("Token must be redeemed within 5 minutes of issuance");
  }
  const expiries = [assertion.notOnOrAfter, assertion.confirmationNotOnOrAfter].filter((t): t is number => t !== undefined);
  if (expiries.some((t) => t <= nowMs)) throw ExpiredTokenException("SAML assertion is expired");
  if ([assertion.notBefore, assertion.confirmationNotBefore].some((t) => t !== undefined && nowMs < t)) {
    throw InvalidIdentityToken("Invalid SAML response: the assertion is not yet valid.");
  }

  const role = parseRoleArn(input.RoleArn!);
  if (!role || !samlRoles(assertion, input.PrincipalArn!).includes(input.RoleArn!)) throw AccessDenied("Not authorized to perform sts:AssumeRoleWithSAML");
  const sessionName = assertion.attributes[SAML_ROLE_SESSION_NAME_ATTRIBUTE]?.[0];
  if (!sessionName || !SESSION_NAME.test(sessionName)) throw InvalidIdentityToken("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");

  const now = Math.floor(nowMs / 1000);
  const requested = input.DurationSeconds ?? DEFAULT_DURATION_SECONDS;
  const sessionEnd = assertion.sessionNotOnOrAfter === undefined ? undefined : Math.floor(assertion.sessionNotOnOrAfter / 1000);
  const duration = sessionEnd === undefined ? requested : Math.min(requested, sessionEnd - now);
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
