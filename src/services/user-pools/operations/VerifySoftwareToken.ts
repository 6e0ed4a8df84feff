import type { VerifySoftwareTokenRequest, VerifySoftwareTokenResponse } from "@aws-sdk/client-cognito-identity-provider";
import { EnableSoftwareTokenMfa, InvalidParameter } from "../../../errors";
import { operation, type OperationContext } from "../../operation";
import type { Services } from "../../services";
import { continueSetup, takeSetupSession } from "../sign-in/mfa";
import type { UserRecord } from "../directory/records";
import { requireSignedInUser } from "../sign-in/signed-in-user";
import { pendingSecret, setFriendlyDeviceName, setPendingSecret, useTotpCode } from "../sign-in/totp";
import { saveUser } from "../directory/users";

/**
 * Confirms the secret of AssociateSoftwareToken with a code from the authenticator app; the new
 * secret then replaces the old. In a sign-in that must set up MFA (Session), the authenticator also
 * becomes the user's MFA factor and the answered Session completes the MFA_SETUP challenge.
 */
export default operation<VerifySoftwareTokenRequest, VerifySoftwareTokenResponse>((input, ctx) => {
  if (Boolean(input.AccessToken) === Boolean(input.Session)) throw InvalidParameter("Either AccessToken or Session must be provided, but not both.");
  return input.AccessToken ? forSignedInUser(input, ctx) : forSetupSession(input, ctx);
});

function forSignedInUser(input: VerifySoftwareTokenRequest, ctx: OperationContext): VerifySoftwareTokenResponse {
  const { services } = ctx;
  const { pool, user } = requireSignedInUser(services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  const secret = pendingSecret(services, user);
  verify(services, user, secret, input);
  saveUser(services, user, { TotpSecret: secret });
  setPendingSecret(services, user, undefined);
  return { Status: "SUCCESS" };
}

function forSetupSession(input: VerifySoftwareTokenRequest, ctx: OperationContext): VerifySoftwareTokenResponse {
  const { services } = ctx;
  const { state, session } = takeSetupSession(services, input.Session);
  const { user } = state;
  ctx.logFields.userPoolId = state.pool.Id;
  ctx.logFields.username = user.Username;
  const secret = session.Data?.pendingTotpSecret as string | undefined;
  verify(services, user, secret, input);
  const list = user.UserMFASettingList ?? [];
  const enrolled = saveUser(services, user, {
    TotpSecret: secret,
    UserMFASettingList: list.includes("SOFTWARE_TOKEN_MFA") ? list : [...list, "SOFTWARE_TOKEN_MFA"],
    PreferredMfaSetting: user.PreferredMfaSetting ?? "SOFTWARE_TOKEN_MFA",
  });
  return { Status: "SUCCESS", Session: continueSetup(services, { ...state, user: enrolled }, { softwareTokenVerified: true }) };
}

/** The code must be the pending secret's current one (Cognito's skew window) and not one used before. */
function verify(services: Services, user: UserRecord, secret: string | undefined, input: VerifySoftwareTokenRequest): asserts secret is string {
  if (!secret) throw InvalidParameter("User has not set up software token mfa");
  if (useTotpCode(services, user, secret, input.UserCode!) !== "valid") throw EnableSoftwareTokenMfa("Code mismatch and fail enable Software Token MFA");
  setFriendlyDeviceName(services, user, input.FriendlyDeviceName);
}
