import type { AdminSetUserSettingsRequest, AdminSetUserSettingsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { setLegacyMfaOptions } from "../sign-in/mfa";
import { requireUser } from "../directory/users";

/** The legacy way to turn a user's SMS MFA on or off. */
export default operation<AdminSetUserSettingsRequest, AdminSetUserSettingsResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  setLegacyMfaOptions(ctx.services, pool, requireUser(ctx.services, pool, input.Username!), input.MFAOptions ?? []);
  return {};
});
