import type { SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { setMfaPreferences } from "../sign-in/mfa";
import { requireSignedInUser } from "../sign-in/signed-in-user";

export default operation<SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  setMfaPreferences(ctx.services, pool, user, input);
  return {};
});
