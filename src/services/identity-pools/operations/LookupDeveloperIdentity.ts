import type { LookupDeveloperIdentityInput, LookupDeveloperIdentityResponse } from "@aws-sdk/client-cognito-identity";
import { InvalidParameter, ResourceConflict } from "../../../errors";
import { operation } from "../../operation";
import { pageOf } from "../../user-pools/directory/pools";
import { developerUsersOf, requireDeveloperUser, requirePoolIdentity } from "../developer";
import { requireIdentityPool } from "../pools";

const DEFAULT_MAX_RESULTS = 60;

/** From a developer user identifier to its identity, or from an identity to its developer user identifiers; both must agree when both are given. */
export default operation<LookupDeveloperIdentityInput, LookupDeveloperIdentityResponse>((input, ctx) => {
  const { services } = ctx;
  const pool = requireIdentityPool(services, input.IdentityPoolId!);
  if (input.IdentityId === undefined && input.DeveloperUserIdentifier === undefined) {
    throw InvalidParameter("Either IdentityId or DeveloperUserIdentifier must be provided.");
  }
  const byUser = input.DeveloperUserIdentifier !== undefined ? requireDeveloperUser(services, pool, input.DeveloperUserIdentifier) : undefined;
  const byId = input.IdentityId !== undefined ? requirePoolIdentity(services, pool, input.IdentityId) : undefined;
  if (byUser && byId && byUser.IdentityId !== byId.IdentityId) {
    throw ResourceConflict(`Developer user identifier '${input.DeveloperUserIdentifier}' is not linked to identity '${input.IdentityId}'.`);
  }
  const identity = (byUser ?? byId)!;
  const users = developerUsersOf(pool, identity).sort();
  const page = pageOf(users, (user) => user, input.MaxResults ?? DEFAULT_MAX_RESULTS, input.NextToken);
  return { IdentityId: identity.IdentityId, DeveloperUserIdentifierList: page.items, NextToken: page.nextToken };
});
