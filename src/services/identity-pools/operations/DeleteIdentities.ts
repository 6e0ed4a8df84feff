import type { DeleteIdentitiesInput, DeleteIdentitiesResponse } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { identities } from "../tables";

/** Unknown ids are no error: what is asked to be gone is gone, with what the identity owns (its sync data). */
export default operation<DeleteIdentitiesInput, DeleteIdentitiesResponse>((input, ctx) => {
  for (const id of input.IdentityIdsToDelete!) identities.remove(ctx.services, id);
  return { UnprocessedIdentityIds: [] };
});
