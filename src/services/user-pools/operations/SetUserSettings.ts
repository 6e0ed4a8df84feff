import type { SetUserSettingsRequest, SetUserSettingsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { setLegacyMfaOptions } from "../sign-in/mfa";
import { requireSignedInUser } from "../sign-in/signed-in-user";

/** The legacy way to turn SMS MFA on or off for oneself (amazon-cognito-identity-js enableMFA / disableMFA). */
export default operation<SetUserSettingsRequest, SetUserSettingsResponse>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  setLegacyMfaOptions(ctx.services, pool, user, input.MFAOptions ?? []);
  return {};
});
