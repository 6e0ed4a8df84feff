import type { ListWebAuthnCredentialsRequest, ListWebAuthnCredentialsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireSignedInUser } from "../sign-in/signed-in-user";
import { listPasskeys } from "../sign-in/webauthn";

export default operation<ListWebAuthnCredentialsRequest, ListWebAuthnCredentialsResponse>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  return listPasskeys(ctx.services, user, input.MaxResults, input.NextToken);
});
