import type { StartWebAuthnRegistrationRequest, StartWebAuthnRegistrationResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireSignedInUser } from "../sign-in/signed-in-user";
import { startRegistration } from "../sign-in/webauthn";

/** Credential creation options for the signed-in user's authenticator; CompleteWebAuthnRegistration answers them. */
export default operation<StartWebAuthnRegistrationRequest, StartWebAuthnRegistrationResponse>((input, ctx) => {
  const { pool, user, claims } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  return { CredentialCreationOptions: startRegistration(ctx.services, pool, user, String(claims.client_id)) as StartWebAuthnRegistrationResponse["CredentialCreationOptions"] };
});
