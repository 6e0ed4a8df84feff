import type { ListIdentitiesInput, ListIdentitiesResponse } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { creationKey, pageOf } from "../../user-pools/directory/pools";
import { describeIdentity } from "../identities";
import { requireIdentityPool } from "../pools";
import { identityPoolTables } from "../tables";

/** The pool's identities, oldest first; HideDisabled leaves out those merged into others. */
export default operation<ListIdentitiesInput, ListIdentitiesResponse>((input, ctx) => {
  const pool = requireIdentityPool(ctx.services, input.IdentityPoolId!);
  const keyOf = (identity: { CreationDate: number; IdentityId: string }) => creationKey(identity, identity.IdentityId);
  const identities = identityPoolTables(ctx.services)
    .identities.findBy("byPool", pool.IdentityPoolId)
    .filter((identity) => !(input.HideDisabled && identity.MergedInto))
    .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const page = pageOf(identities, keyOf, input.MaxResults!, input.NextToken);
  return { IdentityPoolId: pool.IdentityPoolId, Identities: page.items.map(describeIdentity), NextToken: page.nextToken };
});
