import type { DeleteIdentitiesInput, DeleteIdentitiesResponse } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { identityPoolTables } from "../tables";

/** Unknown ids are no error: what is asked to be gone is gone. */
export default operation<DeleteIdentitiesInput, DeleteIdentitiesResponse>((input, ctx) => {
  const { identities } = identityPoolTables(ctx.services);
  for (const id of input.IdentityIdsToDelete!) identities.delete(id);
  return { UnprocessedIdentityIds: [] };
});
