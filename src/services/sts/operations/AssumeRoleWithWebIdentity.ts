import type { AssumeRoleWithWebIdentityRequest, AssumeRoleWithWebIdentityResponse } from "@aws-sdk/client-sts";
import { AccessDenied } from "../../../errors";
import { operation } from "../../operation";
import { assumedRole, issueCredentials, parseRoleArn } from "../sessions";
import { verifyWebIdentity } from "../web-identity";

const DEFAULT_DURATION_SECONDS = 3600;

/** Unsigned: the web identity token is the proof (the basic flow's second half, or a user-pool ID token). */
export default operation<AssumeRoleWithWebIdentityRequest, AssumeRoleWithWebIdentityResponse>((input, ctx) => {
  const identity = verifyWebIdentity(ctx.services, input.WebIdentityToken!);
  const role = parseRoleArn(input.RoleArn!);
  if (!role) throw AccessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity");
  const session = assumedRole(role, input.RoleSessionName!);
  const subject = String(identity.claims.sub);
  const credentials = issueCredentials(
    ctx.services,
    {
      Account: session.Account,
      Arn: session.Arn,
      UserId: session.UserId,
      RoleArn: role.arn,
      SessionName: input.RoleSessionName,
      IdentityId: identity.provider === "cognito-identity.amazonaws.com" ? subject : undefined,
    },
    input.DurationSeconds ?? DEFAULT_DURATION_SECONDS,
  );
  const audience = Array.isArray(identity.claims.aud) ? String(identity.claims.aud[0]) : String(identity.claims.aud);
  return {
    Credentials: credentials,
    SubjectFromWebIdentityToken: subject,
    AssumedRoleUser: { AssumedRoleId: session.AssumedRoleId, Arn: session.Arn },
    Provider: identity.provider,
    Audience: audience,
  };
});
