import type { GetUserAuthFactorsRequest, GetUserAuthFactorsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { configuredUserAuthFactors } from "../sign-in/user-auth-choice";
import { mfaSettingsView } from "../sign-in/mfa";
import { requireSignedInUser } from "../sign-in/signed-in-user";

/** The signed-in user's MFA settings and the first factors USER_AUTH would offer them. */
export default operation<GetUserAuthFactorsRequest, GetUserAuthFactorsResponse>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  const { PreferredMfaSetting, UserMFASettingList } = mfaSettingsView(user);
  return {
    Username: user.Username,
    ...(PreferredMfaSetting ? { PreferredMfaSetting } : {}),
    ...(UserMFASettingList ? { UserMFASettingList } : {}),
    ConfiguredUserAuthFactors: configuredUserAuthFactors(ctx.services, pool, user),
  };
});
