import type { AdminSetUserMFAPreferenceRequest, AdminSetUserMFAPreferenceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { setMfaPreferences } from "../sign-in/mfa";
import { requireUser } from "../directory/users";

export default operation<AdminSetUserMFAPreferenceRequest, AdminSetUserMFAPreferenceResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  setMfaPreferences(ctx.services, pool, requireUser(ctx.services, pool, input.Username!), input);
  return {};
});
