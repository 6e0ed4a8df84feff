import type { DeleteWebAuthnCredentialRequest, DeleteWebAuthnCredentialResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireSignedInUser } from "../sign-in/signed-in-user";
import { deletePasskey } from "../sign-in/webauthn";

export default operation<DeleteWebAuthnCredentialRequest, DeleteWebAuthnCredentialResponse>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  deletePasskey(ctx.services, user, input.CredentialId!);
  return {};
});
