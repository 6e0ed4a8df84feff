import { ServiceError } from "../../errors";
import type { AuthOutcome } from "../../services/user-pools/sign-in/outcome";
import { passwordSignIn } from "../../services/user-pools/sign-in/password-sign-in";
import { respondToChallenge } from "../../services/user-pools/sign-in/respond-to-challenge";
import { COGNITO_PROVIDER, supportedProviders } from "../authorize-request";
import { grantAuthorization } from "../grant";
import type { HostedUi } from "./context";
import { type ChallengeView, viewOf } from "./challenge-views";
import { field, form, hidden, html, link, submit } from "./layout";
import { callOperation, hasOperation } from "./operations";
import { renderConfirmForgotPassword, startPasswordReset } from "./forgot-password";
import { renderConfirmSignUp, resendConfirmation, usernameField } from "./sign-up";

export interface LoginPageOptions {
  error?: string;
  notice?: string;
  username?: string;
}

/** The sign-in page: the pool's username and password form (when the client signs in pool users) and a button per external provider. */
export function renderLogin(ui: HostedUi, options: LoginPageOptions = {}, status = 200): void {
  const { request } = ui;
  const providers = supportedProviders(request.client);
  const poolSignIn = providers.includes(COGNITO_PROVIDER);
  const external = providers.filter((provider) => provider !== COGNITO_PROVIDER);
  const signUpAllowed = !request.pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly;
  const body = html`
${external.length ? html`<p class="idpDescription-customizable">Sign in with your corporate or social account</p>` : ""}
${external.map((provider) => html`<a class="btn idpButton-customizable" href="${ui.href("/oauth2/authorize", { identity_provider: provider, idp_identifier: undefined })}">Continue with ${provider}</a>`)}
${external.length && poolSignIn ? html`<div class="divider">or</div>` : ""}
${
  poolSignIn
    ? html`${form(
        ui.href("/login"),
        field({ ...usernameField(request.pool, options.username), autocomplete: "username" }),
        field({ name: "password", label: "Password", type: "password", autocomplete: "current-password" }),
        submit("Sign in"),
      )}
<div class="links">${link(ui.href("/forgotPassword"), "Forgot your password?")}${signUpAllowed ? html`<span>Need an account? ${link(ui.href("/signup"), "Sign up")}</span>` : ""}</div>`
    : ""
}`;
  ui.render({ title: "Sign in", error: options.error, notice: options.notice, body }, status);
}

/** POST /login: the same first factor as USER_PASSWORD_AUTH, whatever flows the client enables for the API. */
export async function submitLogin(ui: HostedUi): Promise<void> {
  const { services, request, form: fields } = ui;
  const username = (fields.username ?? "").trim();
  const password = fields.password ?? "";
  if (!supportedProviders(request.client).includes(COGNITO_PROVIDER)) return renderLogin(ui, { error: "Login option is not available. Please try another one" }, 400);
  if (!username || !password) return renderLogin(ui, { error: "Please enter your username and password.", username }, 400);
  let outcome: AuthOutcome;
  try {
    outcome = await services.store.transaction(() => passwordSignIn(services, request.pool, request.client, username, password, { hostedUi: true }));
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
  return continueSignIn(ui, outcome, username);
}

interface ChallengePage {
  challenge: string;
  session: string;
  username: string;
  parameters: Record<string, string>;
  error?: string;
}

/** After each step: the next challenge's page, or back to the app once the pipeline issued tokens. */
async function continueSignIn(ui: HostedUi, outcome: AuthOutcome, username: string): Promise<void> {
  if (outcome.HostedSignIn) return finishSignIn(ui, outcome.HostedSignIn);
  const page: ChallengePage = { challenge: outcome.ChallengeName!, session: outcome.Session!, username, parameters: outcome.ChallengeParameters ?? {} };
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

/** POST /challenge: answers the challenge through RespondToAuthChallenge's pipeline. */
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
  let outcome: AuthOutcome;
  try {
    outcome = await services.store.transaction(() =>
      respondToChallenge(services, request.pool, request.client, { ChallengeName: page.challenge, Session: page.session, ChallengeResponses: responses }),
    );
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    if (/session/i.test(error.message)) return renderLogin(ui, { error: "Your sign-in session has expired. Please sign in again.", username: page.username }, 400);
    return renderChallenge(ui, { ...page, error: error.message }, 400);
  }
  return continueSignIn(ui, outcome, page.username);
}

/** MFA_SETUP with an authenticator app: AssociateSoftwareToken, then the code through VerifySoftwareToken. */
async function renderMfaSetup(ui: HostedUi, page: ChallengePage, status = 200): Promise<void> {
  const canSetUpApp = (page.parameters.MFAS_CAN_SETUP ?? "").includes("SOFTWARE_TOKEN_MFA") || page.parameters.secret !== undefined;
  if (!canSetUpApp || !hasOperation("AssociateSoftwareToken")) {
    return renderLogin(ui, { error: "Your account needs multi-factor authentication set up, which this sign-in page cannot do for the methods this pool allows." }, 400);
  }
  let { session } = page;
  let secret = page.parameters.secret;
  if (!secret) {
    try {
      const associated = await callOperation<{ SecretCode: string; Session: string }>(ui.services, ui.req, ui.request.pool, "AssociateSoftwareToken", { Session: session });
      secret = associated.SecretCode;
      session = associated.Session;
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
  let outcome: AuthOutcome;
  try {
    const verified = await callOperation<{ Session: string }>(services, ui.req, request.pool, "VerifySoftwareToken", {
      Session: page.session,
      UserCode: fields.code ?? "",
      ...(fields.device_name ? { FriendlyDeviceName: fields.device_name } : {}),
    });
    const responses: Record<string, string> = { USERNAME: page.username };
    const hash = ui.secretHash(page.username);
    if (hash) responses.SECRET_HASH = hash;
    outcome = await services.store.transaction(() =>
      respondToChallenge(services, request.pool, request.client, { ChallengeName: "MFA_SETUP", Session: verified.Session, ChallengeResponses: responses }),
    );
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return renderMfaSetup(ui, { ...page, error: error.message }, 400);
  }
  return continueSignIn(ui, outcome, page.username);
}

/** The sign-in pipeline is done: the hosted UI answers with its own grant (code or implicit). */
async function finishSignIn(ui: HostedUi, signedIn: NonNullable<AuthOutcome["HostedSignIn"]>): Promise<void> {
  const { services, request } = ui;
  const user = services.tables.userBySub(request.pool.Id, signedIn.Sub);
  if (!user) return renderLogin(ui, { error: "User does not exist." }, 400);
  await services.store.transaction(() => grantAuthorization(services, ui.res, request, { user, authTime: signedIn.AuthTime, fresh: true }));
}

function parseParameters(value: string | undefined): Record<string, string> {
  try {
    const parsed = JSON.parse(value ?? "{}");
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}
