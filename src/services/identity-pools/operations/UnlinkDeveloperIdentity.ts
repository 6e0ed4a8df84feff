import type { UnlinkDeveloperIdentityInput } from "@aws-sdk/client-cognito-identity";
import { ResourceConflict } from "../../../errors";
import { operation } from "../../operation";
import { developerUsersOf, requireDeveloperProvider, requirePoolIdentity } from "../developer";
import { removeLogins } from "../identities";
import { requireIdentityPool } from "../pools";

/** The developer user is seen as a new identity next time. */
export default operation<UnlinkDeveloperIdentityInput, void>((input, ctx) => {
  const { services } = ctx;
  const pool = requireIdentityPool(services, input.IdentityPoolId!);
  const provider = requireDeveloperProvider(pool, input.DeveloperProviderName);
  const identity = requirePoolIdentity(services, pool, input.IdentityId!);
  const user = input.DeveloperUserIdentifier!;
  if (!developerUsersOf(pool, identity).includes(user)) {
    throw ResourceConflict(`Developer user identifier '${user}' is not linked to identity '${identity.IdentityId}'.`);
  }
  removeLogins(services, identity, (l) => !(l.Provider === provider && l.Subject === user));
});
