import type { GetUserPoolMfaConfigRequest, GetUserPoolMfaConfigResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { describeMfaConfig } from "../sign-in/mfa";

export default operation<GetUserPoolMfaConfigRequest, GetUserPoolMfaConfigResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  return describeMfaConfig(pool);
});
