import type { GetOpenIdTokenInput, GetOpenIdTokenResponse } from "@aws-sdk/client-cognito-identity";
import { InvalidParameter } from "../../../errors";
import { operation } from "../../operation";
import { requireIdentity } from "../identities";
import { issueOpenIdToken, OPENID_TOKEN_SECONDS } from "../openid";
import { requireIdentityPool } from "../pools";
import { amrOf, principalTagsOf, signIn } from "../sign-in";

/**
 * The basic (classic) flow's first half: an OpenID token for STS AssumeRoleWithWebIdentity. Pools that
 * turned the flow off, or that map roles (which only the enhanced flow applies), refuse it.
 */
export default operation<GetOpenIdTokenInput, GetOpenIdTokenResponse>(async (input, ctx) => {
  const { services } = ctx;
  const pool = requireIdentityPool(services, requireIdentity(services, input.IdentityId!).IdentityPoolId);
  if (pool.AllowClassicFlow === false) throw InvalidParameter("Basic (classic) flow is not enabled, please use enhanced flow.");
  if (pool.RoleMappings && Object.keys(pool.RoleMappings).length > 0) {
    throw InvalidParameter("Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.");
  }
  const signedIn = await signIn(services, input.IdentityId!, input.Logins);
  const Token = await issueOpenIdToken(services, {
    identityPoolId: pool.IdentityPoolId,
    identityId: signedIn.identity.IdentityId,
    amr: amrOf(signedIn),
    expiresInSeconds: OPENID_TOKEN_SECONDS,
    principalTags: principalTagsOf(services, signedIn),
  });
  return { IdentityId: signedIn.identity.IdentityId, Token };
});
