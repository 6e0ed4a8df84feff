import type { SetIdentityPoolConfigurationRequest, SetIdentityPoolConfigurationResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireDeveloperAccess } from "../access";
import { updatePoolSettings } from "../pool-settings";

/**
 * Sets push sync and Cognito Streams; a setting left out keeps its value. Setting CognitoStreams again
 * (StreamingStatus ENABLED) turns streaming back on after the emulator disabled it for an unreachable stream.
 */
export default operation<SetIdentityPoolConfigurationRequest, SetIdentityPoolConfigurationResponse>((input, ctx) => {
  const pool = requireDeveloperAccess(ctx, input.IdentityPoolId!);
  const changes = {
    ...(input.PushSync !== undefined ? { PushSync: input.PushSync } : {}),
    ...(input.CognitoStreams !== undefined ? { CognitoStreams: input.CognitoStreams } : {}),
  };
  const settings = updatePoolSettings(ctx.services, pool.IdentityPoolId, changes);
  return { IdentityPoolId: pool.IdentityPoolId, PushSync: settings.PushSync, CognitoStreams: settings.CognitoStreams };
});
