import type { GetIdentityPoolConfigurationRequest, GetIdentityPoolConfigurationResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireDeveloperAccess } from "../access";
import { poolSettings } from "../pool-settings";

export default operation<GetIdentityPoolConfigurationRequest, GetIdentityPoolConfigurationResponse>((input, ctx) => {
  const pool = requireDeveloperAccess(ctx, input.IdentityPoolId!);
  const settings = poolSettings(ctx.services, pool.IdentityPoolId);
  return { IdentityPoolId: pool.IdentityPoolId, PushSync: settings.PushSync, CognitoStreams: settings.CognitoStreams };
});
