import { ServiceError } from "../../errors";
import { passwordSignIn } from "../../services/user-pools/sign-in/password-sign-in";
import { answerChallenge } from "../../services/user-pools/sign-in/respond-to-challenge";
import type { SignedIn, SignInResult } from "../../services/user-pools/sign-in/result";
import { InvalidSessionError } from "../../services/user-pools/sign-in/sessions";
import { refuseBlockedAddress } from "../../services/user-pools/sign-in/adaptive-authentication";
import { sourceRequestContext } from "../../services/user-pools/sign-in/request-context";
import { COGNITO_PROVIDER, supportedProviders } from "../authorize-request";
import { grantAuthorization, sendAuthorization } from "../grant";
import type { HostedUi } from "./context";
import { type ChallengeView, viewOf } from "./challenge-views";
import { field, form, hidden, html, submit } from "./layout";
import { renderLogin } from "./login-page";
import { userPools } from "./operations";
import { renderConfirmForgotPassword, startPasswordReset } from "./forgot-password";
import { renderConfirmSignUp, resendConfirmation } from "./sign-up";

/** POST /login: the same first factor as USER_PASSWORD_AUTH, whatever flows the client enables for the API. */
export async function submitLogin(ui: HostedUi): Promise<void> {
  const { services, request, form: fields } = ui;
  const username = (fields.username ?? "").trim();
  const password = fields.password ?? "";
  if (!supportedProviders(request.client).includes(COGNITO_PROVIDER)) return renderLogin(ui, { error: "Login option is not available. Please try another one" }, 400);
  if (!username || !password) return renderLogin(ui, { error: "Please enter your username and password.", username }, 400);
  let result: SignInResult;
  try {
    const context = sourceRequestContext(ui.req.socket.remoteAddress, ui.req.headers);
    result = await services.store.transaction(() => {
      refuseBlockedAddress(services, request.pool, request.client, context, username, false);
      return passwordSignIn(services, request.pool, request.client, username, password, { context });
    });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    if (error.code === "UserNotConfirmedException") {
      const delivery = await resendConfirmation(ui, username);
      return renderConfirmSignUp(ui, { username, delivery });
    }
    if (error.code === "PasswordResetRequiredException") {
      const delivery = await startPasswordReset(ui, username);
      return renderConfirmForgotPassword(ui, { username, delivery, notice: "Your password must be reset. We have sent a code to reset it." });
    }
    return renderLogin(ui, { error: error.message, username }, 400);
  }
  return continueSignIn(ui, result, username);
}

interface ChallengePage {
  challenge: string;
  session: string;
  username: string;
  parameters: Record<string, string>;
  error?: string;
}

/** After each step: the next challenge's page, or back to the app once the user is signed in. */
async function continueSignIn(ui: HostedUi, result: SignInResult, username: string): Promise<void> {
  if (result.kind === "signedIn") return finishSignIn(ui, result);
  const page: ChallengePage = { challenge: result.ChallengeName, session: result.Session, username, parameters: result.ChallengeParameters };
  if (page.challenge === "MFA_SETUP") return renderMfaSetup(ui, page);
  renderChallenge(ui, page);
}

function renderChallenge(ui: HostedUi, page: ChallengePage, status = 200): void {
  const view: ChallengeView = viewOf(page.challenge);
  const body = form(
    ui.href("/challenge"),
    hidden({ challenge: page.challenge, session: page.session, username: page.username, parameters: JSON.stringify(page.parameters) }),
    view.description?.(page.parameters) ? html`<p class="textDescription-customizable">${view.description(page.parameters)}</p>` : "",
    view.extra?.(page.parameters) ?? "",
    view.fields(page.parameters).map(field),
    submit("Sign in"),
  );
  ui.render({ title: view.title, error: page.error, body }, status);
}

/** POST /challenge: answers the challenge as RespondToAuthChallenge does. */
export async function submitChallenge(ui: HostedUi): Promise<void> {
  const { services, request, form: fields } = ui;
  const page: ChallengePage = { challenge: fields.challenge ?? "", session: fields.session ?? "", username: fields.username ?? "", parameters: parseParameters(fields.parameters) };
  if (page.challenge === "MFA_SETUP") return submitMfaSetup(ui, page);
  if (page.challenge === "NEW_PASSWORD_REQUIRED" && fields.new_password !== fields.confirm_password) {
    return renderChallenge(ui, { ...page, error: "Passwords do not match." }, 400);
  }
  const responses: Record<string, string> = { ...viewOf(page.challenge).responses(fields, page.parameters), USERNAME: page.username };
  const hash = ui.secretHash(page.username);
  if (hash) responses.SECRET_HASH = hash;
  let result: SignInResult;
  try {
    result = await services.store.transaction(() =>
      answerChallenge(services, request.pool, request.client, {
        ChallengeName: page.challenge,
        Session: page.session,
        ChallengeResponses: responses,
        context: sourceRequestContext(ui.req.socket.remoteAddress, ui.req.headers),
      }),
    );
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    if (error instanceof InvalidSessionError) return renderLogin(ui, { error: "Your sign-in session has expired. Please sign in again.", username: page.username }, 400);
    return renderChallenge(ui, { ...page, error: error.message }, 400);
  }
  return continueSignIn(ui, result, page.username);
}

/** MFA_SETUP with an authenticator app: AssociateSoftwareToken, then the code through VerifySoftwareToken. */
async function renderMfaSetup(ui: HostedUi, page: ChallengePage, status = 200): Promise<void> {
  const canSetUpApp = (page.parameters.MFAS_CAN_SETUP ?? "").includes("SOFTWARE_TOKEN_MFA") || page.parameters.secret !== undefined;
  if (!canSetUpApp) {
    return renderLogin(ui, { error: "Your account needs multi-factor authentication set up, which this sign-in page cannot do for the methods this pool allows." }, 400);
  }
  let { session } = page;
  let secret = page.parameters.secret;
  if (!secret) {
    try {
      const associated = await userPools(ui).associateSoftwareToken({ Session: session });
      secret = associated.SecretCode!;
      session = associated.Session!;
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return renderLogin(ui, { error: error.message, username: page.username }, 400);
    }
  }
  const label = encodeURIComponent(`${ui.request.pool.Name}:${page.username}`);
  const uri = `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(ui.request.pool.Name)}`;
  const body = form(
    ui.href("/challenge"),
    hidden({ challenge: "MFA_SETUP", session, username: page.username, parameters: JSON.stringify({ ...page.parameters, secret }) }),
    html`<p class="textDescription-customizable">Add this account to your authenticator app with the secret key below, then enter the code the app shows.</p>
<p class="secret" id="totp-secret">${secret}</p>
<p class="hint">${uri}</p>`,
    field({ name: "code", label: "Authenticator code", autocomplete: "one-time-code" }),
    field({ name: "device_name", label: "Device name", required: false, autocomplete: "off" }),
    submit("Verify"),
  );
  ui.render({ title: "Set up your authenticator app", error: page.error, body }, status);
}

async function submitMfaSetup(ui: HostedUi, page: ChallengePage): Promise<void> {
  const { services, request, form: fields } = ui;
  let result: SignInResult;
  try {
    const verified = await userPools(ui).verifySoftwareToken({
      Session: page.session,
      UserCode: fields.code ?? "",
      ...(fields.device_name ? { FriendlyDeviceName: fields.device_name } : {}),
    });
    const responses: Record<string, string> = { USERNAME: page.username };
    const hash = ui.secretHash(page.username);
    if (hash) responses.SECRET_HASH = hash;
    result = await services.store.transaction(() =>
      answerChallenge(services, request.pool, request.client, { ChallengeName: "MFA_SETUP", Session: verified.Session, ChallengeResponses: responses }),
    );
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return renderMfaSetup(ui, { ...page, error: error.message }, 400);
  }
  return continueSignIn(ui, result, page.username);
}

/** The user is signed in: back to the app with the hosted UI's own grant (a code, or implicit tokens). */
async function finishSignIn(ui: HostedUi, signedIn: SignedIn): Promise<void> {
  const { services, request } = ui;
  const grant = await services.store.transaction(() => grantAuthorization(services, request, { user: signedIn.user, authTime: signedIn.authTime, fresh: true }));
  sendAuthorization(ui.res, grant);
}

function parseParameters(value: string | undefined): Record<string, string> {
  try {
    const parsed = JSON.parse(value ?? "{}");
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}
