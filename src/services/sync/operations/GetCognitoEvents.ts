import type { GetCognitoEventsRequest, GetCognitoEventsResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireDeveloperAccess } from "../access";
import { poolSettings } from "../pool-settings";

export default operation<GetCognitoEventsRequest, GetCognitoEventsResponse>((input, ctx) => {
  const pool = requireDeveloperAccess(ctx, input.IdentityPoolId!);
  return { Events: poolSettings(ctx.services, pool.IdentityPoolId).Events ?? {} };
});
