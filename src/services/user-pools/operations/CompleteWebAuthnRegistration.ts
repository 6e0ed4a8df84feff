import type { CompleteWebAuthnRegistrationRequest, CompleteWebAuthnRegistrationResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireSignedInUser } from "../sign-in/signed-in-user";
import { completeRegistration } from "../sign-in/webauthn";

/** Verifies the authenticator's attestation (a RegistrationResponseJSON) and registers the passkey. */
export default operation<CompleteWebAuthnRegistrationRequest, CompleteWebAuthnRegistrationResponse>(async (input, ctx) => {
  const { pool, user, claims } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  await completeRegistration(ctx.services, pool, user, String(claims.client_id), input.Credential);
  return {};
});
