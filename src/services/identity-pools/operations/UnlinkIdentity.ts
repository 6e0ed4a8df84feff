import type { UnlinkIdentityInput } from "@aws-sdk/client-cognito-identity";
import { InvalidParameter, NotAuthorized } from "../../../errors";
import { operation } from "../../operation";
import { removeLogins, requireEnabled, requireIdentity } from "../identities";
import { MESSAGES, verifyLogins } from "../logins";
import { requireIdentityPool } from "../pools";

/** Public: valid tokens for the identity's own logins prove the caller, then the named providers are unlinked. */
export default operation<UnlinkIdentityInput, void>(async (input, ctx) => {
  const { services } = ctx;
  const identity = requireIdentity(services, input.IdentityId!);
  requireEnabled(identity);
  const pool = requireIdentityPool(services, identity.IdentityPoolId);
  const verified = await verifyLogins(services, pool, input.Logins!);
  const owns = (provider: string, subject: string) => identity.Logins.some((l) => l.Provider === provider && l.Subject === subject);
  if (verified.length === 0 || !verified.every((l) => owns(l.provider, l.subject))) throw NotAuthorized(MESSAGES.loginsDontMatch);
  const toRemove = new Set(input.LoginsToRemove);
  if (pool.DeveloperProviderName && toRemove.has(pool.DeveloperProviderName)) {
    throw InvalidParameter("Developer provider logins are unlinked with UnlinkDeveloperIdentity.");
  }
  removeLogins(services, identity, (l) => !toRemove.has(l.Provider));
});
