import { randomUUID } from "node:crypto";
import type { GetWebIdentityTokenRequest, GetWebIdentityTokenResponse } from "@aws-sdk/client-sts";
import { AccessDenied } from "../../../errors";
import { operation } from "../../operation";
import { SessionDurationEscalation, ValidationError } from "../errors";
import { OUTBOUND_ALGORITHMS, type OutboundAlgorithm, outboundIssuer, signOutboundToken, STS_CLAIMS_NAMESPACE } from "../outbound-tokens";
import { callerOf, isFederatedUser } from "../sessions";

const DEFAULT_DURATION_SECONDS = 300;

/**
 * A JWT asserting the caller's identity to services outside AWS (outbound identity federation, always
 * enabled here). `sub` is the role of a role session, else the caller's ARN.
 */
export default operation<GetWebIdentityTokenRequest, GetWebIdentityTokenResponse>(async (input, ctx) => {
  const { principal, session } = callerOf(ctx);
  if (isFederatedUser(principal)) throw AccessDenied(`User: ${principal.Arn} is not authorized to perform: sts:GetWebIdentityToken`);
  const alg = input.SigningAlgorithm as OutboundAlgorithm;
  if (!OUTBOUND_ALGORITHMS.includes(alg)) {
    throw ValidationError(`1 validation error detected: Value '${input.SigningAlgorithm}' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [${OUTBOUND_ALGORITHMS.join(", ")}]`);
  }
  const now = ctx.services.clock.nowSeconds();
  const exp = now + (input.DurationSeconds ?? DEFAULT_DURATION_SECONDS);
  if (session && exp * 1000 > session.Expiration) {
    throw SessionDurationEscalation("The requested token duration exceeds the remaining duration of the caller's session.");
  }
  const requestTags = input.Tags?.length ? Object.fromEntries(input.Tags.map((t) => [t.Key!, t.Value!])) : undefined;
  const token = await signOutboundToken(ctx.services, alg, {
    iss: outboundIssuer(ctx.services, principal.Account),
    aud: input.Audience!.length === 1 ? input.Audience![0] : input.Audience,
    sub: session?.RoleArn ?? principal.Arn,
    iat: now,
    exp,
    jti: randomUUID(),
    [STS_CLAIMS_NAMESPACE]: { aws_account: principal.Account, source_region: ctx.region, ...(requestTags ? { request_tags: requestTags } : {}) },
  });
  return { WebIdentityToken: token, Expiration: new Date(exp * 1000) };
});
