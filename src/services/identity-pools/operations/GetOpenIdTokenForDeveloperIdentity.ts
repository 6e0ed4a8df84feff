import type { GetOpenIdTokenForDeveloperIdentityInput, GetOpenIdTokenForDeveloperIdentityResponse } from "@aws-sdk/client-cognito-identity";
import { DeveloperUserAlreadyRegistered } from "../../../errors";
import { operation } from "../../operation";
import { developerLogin, requireDeveloperProvider, requirePoolIdentity } from "../developer";
import { identityOfLogin, requireEnabled, settleIdentity } from "../identities";
import { verifyLogins } from "../logins";
import { DEVELOPER_TOKEN_SECONDS, issueOpenIdToken } from "../openid";
import { requireIdentityPool } from "../pools";
import { amrOf, linkedLogin } from "../sign-in";

/**
 * Registers (or finds) the identity of a developer-authenticated user and returns an OpenID token for
 * it; other logins in the request are verified and linked. With an IdentityId, the developer user is
 * linked to that identity, unless another identity already has it.
 */
export default operation<GetOpenIdTokenForDeveloperIdentityInput, GetOpenIdTokenForDeveloperIdentityResponse>(async (input, ctx) => {
  const { services } = ctx;
  const pool = requireIdentityPool(services, input.IdentityPoolId!);
  const logins = { ...input.Logins };
  const developerName = Object.keys(logins).find((name) => name === pool.DeveloperProviderName);
  requireDeveloperProvider(pool, developerName);
  const developer = developerLogin(pool, logins[developerName!]);
  delete logins[developerName!];

  const requested = input.IdentityId ? requirePoolIdentity(services, pool, input.IdentityId) : undefined;
  if (requested) {
    requireEnabled(requested);
    const owner = identityOfLogin(services, pool.IdentityPoolId, developer);
    if (owner && owner.IdentityId !== requested.IdentityId) throw DeveloperUserAlreadyRegistered("This developer user identifier is already registered with Cognito.");
  }
  const others = await verifyLogins(services, pool, logins);
  const identity = settleIdentity(services, pool, requested, [developer, ...others.map((l) => ({ Provider: l.provider, Subject: l.subject }))]);

  const developerEntry = linkedLogin(pool, developer.Provider, developer.Subject);
  const Token = await issueOpenIdToken(services, {
    identityPoolId: pool.IdentityPoolId,
    identityId: identity.IdentityId,
    amr: amrOf({ pool, identity, authenticated: true, logins: [developerEntry, ...others] }),
    expiresInSeconds: input.TokenDuration ?? DEVELOPER_TOKEN_SECONDS,
    principalTags: input.PrincipalTags,
  });
  return { IdentityId: identity.IdentityId, Token };
});
