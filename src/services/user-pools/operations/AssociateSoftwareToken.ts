import type { AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, SoftwareTokenMfaNotFound } from "../../../errors";
import { operation, type OperationContext } from "../../operation";
import { continueSetup, poolMfaFactors, takeSetupSession } from "../sign-in/mfa";
import type { PoolRecord } from "../directory/records";
import { requireSignedInUser } from "../sign-in/signed-in-user";
import { newTotpSecret, setPendingSecret } from "../sign-in/totp";

/**
 * A new authenticator secret, for a signed-in user (AccessToken) or for a sign-in that must set up
 * MFA (the MFA_SETUP Session, answered with a new Session). The user's current authenticator keeps
 * working until VerifySoftwareToken confirms the new one.
 */
export default operation<AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse>((input, ctx) => {
  if (Boolean(input.AccessToken) === Boolean(input.Session)) throw InvalidParameter("Either AccessToken or Session must be provided, but not both.");
  return input.AccessToken ? forSignedInUser(input.AccessToken, ctx) : forSetupSession(input.Session!, ctx);
});

function forSignedInUser(accessToken: string, ctx: OperationContext): AssociateSoftwareTokenResponse {
  const { pool, user } = requireSignedInUser(ctx.services, accessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  requireSoftwareTokenMfa(pool);
  const SecretCode = newTotpSecret();
  setPendingSecret(ctx.services, user, SecretCode);
  return { SecretCode };
}

function forSetupSession(token: string, ctx: OperationContext): AssociateSoftwareTokenResponse {
  const { state } = takeSetupSession(ctx.services, token);
  ctx.logFields.userPoolId = state.pool.Id;
  ctx.logFields.username = state.user.Username;
  requireSoftwareTokenMfa(state.pool);
  const SecretCode = newTotpSecret();
  return { SecretCode, Session: continueSetup(ctx.services, state, { pendingTotpSecret: SecretCode }) };
}

function requireSoftwareTokenMfa(pool: PoolRecord): void {
  if (!poolMfaFactors(pool).includes("SOFTWARE_TOKEN_MFA")) throw SoftwareTokenMfaNotFound("Software Token MFA has not been enabled by the userPool.");
}
