import type { MergeDeveloperIdentitiesInput, MergeDeveloperIdentitiesResponse } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { developerLogin, requireDeveloperProvider, requireDeveloperUser } from "../developer";
import { identityOfLogin, linkLogins, mergeIdentities } from "../identities";
import { requireIdentityPool } from "../pools";

/** The source developer user, and every login of its identity, move to the destination user's identity. */
export default operation<MergeDeveloperIdentitiesInput, MergeDeveloperIdentitiesResponse>((input, ctx) => {
  const { services } = ctx;
  const pool = requireIdentityPool(services, input.IdentityPoolId!);
  requireDeveloperProvider(pool, input.DeveloperProviderName);
  const destination = requireDeveloperUser(services, pool, input.DestinationUserIdentifier!);
  const sourceLogin = developerLogin(pool, input.SourceUserIdentifier!);
  const source = identityOfLogin(services, pool.IdentityPoolId, sourceLogin);
  if (!source) linkLogins(services, pool, destination, [sourceLogin]);
  else if (source.IdentityId !== destination.IdentityId) mergeIdentities(services, pool, destination, source);
  return { IdentityId: destination.IdentityId };
});
