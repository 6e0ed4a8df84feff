import type { TokenSubjects } from "../../../tokens/subjects";
import { runPreTokenGeneration } from "../../../triggers/pre-token-generation";
import type { Services } from "../../services";
import { groupsOfUser } from "../directory/groups";
import type { ClientRecord, GroupRecord, PoolRecord, UserRecord } from "../directory/records";

/** The records user-pool tokens are minted for. */
export interface UserPoolRecords {
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  group: GroupRecord;
}

/**
 * The user pools as tokens see them: pools and users by id, a user's groups, the pool's pre token
 * generation trigger. The services are named by a function because the token service is one of them.
 */
export function userPoolTokenSubjects(servicesOf: () => Services): TokenSubjects<UserPoolRecords> {
  return {
    hasPool: (poolId) => servicesOf().tables.pools.has(poolId),
    userBySub: (poolId, sub) => servicesOf().tables.userBySub(poolId, sub),
    groupsOf: (user) => groupsOfUser(servicesOf(), user),
    preTokenGeneration: ({ pool, ...input }) => runPreTokenGeneration(servicesOf(), pool, input),
  };
}
