import express, { type NextFunction, type Request, type Response, Router } from "express";
import { ServiceError } from "../errors";
import type { Services } from "../services/services";
import type { ClientRecord } from "../services/user-pools/directory/records";
import { brandingById, effectiveUiCustomization } from "../services/user-pools/directory/ui-customization";
import { authorize } from "./authorize";
import { OAuthError, sendOAuthError } from "./errors";
import { providerCallback } from "./federation/callback";
import { showFakeProvider, submitFakeProvider } from "./federation/fake-provider";
import { samlIdpResponse } from "./federation/saml/response";
import { samlLogoutResponse } from "./federation/saml/sessions";
import { ACS_PATH, SLO_PATH } from "./federation/saml/sp";
import { CALLBACK_PATH, FAKE_PROVIDER_PATH } from "./federation/start";
import { type HostedUi, hostedUi } from "./hosted-ui/context";
import { renderConfirmForgotPassword, renderForgotPassword, submitConfirmForgotPassword, submitForgotPassword } from "./hosted-ui/forgot-password";
import { type Html, html, sendPage } from "./hosted-ui/layout";
import { feedbackLink } from "./hosted-ui/feedback";
import { FEEDBACK_PATH } from "../services/user-pools/sign-in/risk-notifications";
import { submitChallenge, submitLogin } from "./hosted-ui/login";
import { renderLogin } from "./hosted-ui/login-page";
import { renderConfirmSignUp, renderSignUp, submitConfirmSignUp, submitResendCode, submitSignUp } from "./hosted-ui/sign-up";
import { fieldsOf, single } from "./http";
import { logout } from "./logout";
import { revokeRequest } from "./revoke";
import { tokenRequest } from "./token-endpoint";
import { userInfo } from "./userinfo";

const FORM_LIMIT = "64kb";
/** saml2/idpresponse takes SAML responses of up to 100,000 characters, URL-encoded in a form. */
const SAML_FORM_LIMIT = "256kb";

/**
 * Cognito's hosted UI and OAuth 2.0 endpoints, for every pool on the emulator's own base URL: the
 * pool is found from `client_id` (or the token). Apps point their OAuth domain at the emulator.
 */
export function oauthRoutes(services: Services): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: FORM_LIMIT });
  const logged = (name: string, handler: (req: Request, res: Response) => unknown) => async (req: Request, res: Response) => {
    const started = performance.now();
    res.on("finish", () =>
      services.log.request({
        operation: name,
        userPoolId: res.locals.poolId,
        outcome: res.locals.outcome ?? (res.statusCode < 400 ? "ok" : `HTTP ${res.statusCode}`),
        ms: performance.now() - started,
      }),
    );
    await handler(req, res);
  };
  /** A hosted-UI page: its authorization request checked first, as every page of Cognito's does. */
  const page = (name: string, handler: (ui: HostedUi) => unknown) =>
    logged(name, async (req, res) => {
      const ui = hostedUi(services, req, res);
      if (!ui) return;
      res.locals.poolId = ui.request.pool.Id;
      await handler(ui);
    });

  router.get("/oauth2/authorize", logged("GET /oauth2/authorize", (req, res) => authorize(services, req, res)));

  router.get("/login", page("GET /login", (ui) => renderLogin(ui)));
  router.post("/login", form, page("POST /login", submitLogin));
  router.post("/challenge", form, page("POST /challenge", submitChallenge));
  router.get("/signup", page("GET /signup", (ui) => renderSignUp(ui)));
  router.post("/signup", form, page("POST /signup", submitSignUp));
  router.get("/confirmUser", page("GET /confirmUser", (ui) => renderConfirmSignUp(ui, { username: single(ui.req.query.username) ?? "" })));
  router.post("/confirmUser", form, page("POST /confirmUser", submitConfirmSignUp));
  router.post("/resendCode", form, page("POST /resendCode", submitResendCode));
  router.get("/forgotPassword", page("GET /forgotPassword", (ui) => renderForgotPassword(ui)));
  router.post("/forgotPassword", form, page("POST /forgotPassword", submitForgotPassword));
  router.get("/confirmForgotPassword", page("GET /confirmForgotPassword", (ui) => renderConfirmForgotPassword(ui, { username: single(ui.req.query.username) ?? "" })));
  router.post("/confirmForgotPassword", form, page("POST /confirmForgotPassword", submitConfirmForgotPassword));

  router.post(
    "/oauth2/token",
    form,
    logged("POST /oauth2/token", async (req, res) => {
      try {
        const { response, poolId } = await services.store.transaction(() => tokenRequest(services, req, fieldsOf(req.body)));
        res.locals.poolId = poolId;
        res.set({ "cache-control": "no-store", pragma: "no-cache" }).type("application/json;charset=UTF-8").send(JSON.stringify(response));
      } catch (error) {
        oauthFailure(services, res, "token", error);
      }
    }),
  );
  const info = logged("/oauth2/userInfo", (req, res) => {
    const result = userInfo(services, req, res);
    Object.assign(res.locals, { poolId: result.poolId, outcome: result.outcome });
  });
  router.get(["/oauth2/userInfo", "/oauth2/userinfo"], info);
  router.post(["/oauth2/userInfo", "/oauth2/userinfo"], form, info);
  router.post(
    "/oauth2/revoke",
    form,
    logged("POST /oauth2/revoke", async (req, res) => {
      try {
        res.locals.poolId = (await services.store.transaction(() => revokeRequest(services, req, fieldsOf(req.body)))).poolId;
        res.status(200).set("cache-control", "no-store").end();
      } catch (error) {
        oauthFailure(services, res, "revoke", error);
      }
    }),
  );
  router.get(
    "/logout",
    logged("GET /logout", async (req, res) => {
      Object.assign(res.locals, await logout(services, req, res));
    }),
  );
  router.get("/error", (req, res) => errorPage(services, req, res));
  router.get(
    FEEDBACK_PATH,
    logged(`GET ${FEEDBACK_PATH}`, async (req, res) => {
      res.locals.poolId = (await feedbackLink(services, req, res)).poolId;
    }),
  );

  router.get(FAKE_PROVIDER_PATH, logged(`GET ${FAKE_PROVIDER_PATH}`, (req, res) => showFakeProvider(services, req, res)));
  router.post(FAKE_PROVIDER_PATH, form, logged(`POST ${FAKE_PROVIDER_PATH}`, (req, res) => submitFakeProvider(services, req, res)));
  router.get(CALLBACK_PATH, logged(`GET ${CALLBACK_PATH}`, (req, res) => providerCallback(services, req, res)));
  const samlForm = express.urlencoded({ extended: false, limit: SAML_FORM_LIMIT });
  router.post(ACS_PATH, samlForm, logged(`POST ${ACS_PATH}`, (req, res) => samlIdpResponse(services, req, res)));
  router.post(SLO_PATH, samlForm, logged(`POST ${SLO_PATH}`, (req, res) => samlLogoutResponse(services, req, res)));
  router.get(SLO_PATH, logged(`GET ${SLO_PATH}`, (req, res) => samlLogoutResponse(services, req, res)));

  router.get("/hosted-ui/assets/:poolId/:clientId/:file", (req: Request<{ poolId: string; clientId: string }>, res, next) => {
    const clientId = req.params.clientId === "ALL" ? undefined : req.params.clientId;
    const record = effectiveUiCustomization(services, req.params.poolId, clientId);
    if (!record?.Image) return next();
    sendAsset(res, Buffer.from(record.Image, "base64"), record.ImageType === "jpeg" ? "image/jpeg" : "image/png");
  });
  router.get("/hosted-ui/branding/:id/:category/:file", (req: Request<{ id: string; category: string; file: string }>, res, next) => {
    const colorMode = req.params.file.split(".")[0];
    const asset = brandingById(services, req.params.id)?.Assets.find((a) => a.Category === req.params.category && a.ColorMode === colorMode);
    if (!asset?.Bytes) return next();
    sendAsset(res, Buffer.from(asset.Bytes, "base64"), ASSET_TYPES[asset.Extension ?? ""] ?? "application/octet-stream");
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent || !(error instanceof ServiceError)) return next(error);
    sendPage(res, { poolName: "cognito-emu" }, { title: "An error was encountered with the requested page.", error: error.message, body: html`` }, error.statusCode);
  });
  return router;
}

const ASSET_TYPES: Record<string, string> = {
  ICO: "image/x-icon",
  JPEG: "image/jpeg",
  PNG: "image/png",
  SVG: "image/svg+xml",
  WEBP: "image/webp",
  JSON: "application/json",
};

function sendAsset(res: Response, bytes: Buffer, type: string): void {
  res.set({ "content-type": type, "cache-control": "public, max-age=300", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" }).send(bytes);
}

/** The token and revocation endpoints answer `{"error": ...}`; the reason goes to the emulator's log. */
function oauthFailure(services: Services, res: Response, endpoint: string, error: unknown): void {
  const failure = error instanceof OAuthError ? error : error instanceof ServiceError ? new OAuthError("invalid_request", 400, `${error.code}: ${error.message}`) : undefined;
  if (!failure) throw error;
  res.locals.outcome = failure.error;
  services.log.info(`oauth2/${endpoint}: ${failure.error}${failure.reason ? ` (${failure.reason})` : ""}`);
  sendOAuthError(res, failure);
}

const ERROR_EXPLANATIONS: Record<string, string> = {
  redirect_mismatch: "The redirect URI is not one of the app client's callback URLs (or sign-out URLs).",
  invalid_request: "The request has no client_id, or names an app client that does not exist.",
};

/** GET /error: where Cognito sends a browser whose request cannot safely go back to the app. */
function errorPage(services: Services, req: Request, res: Response): void {
  const error = single(req.query.error) ?? "error";
  const clientId = single(req.query.client_id);
  const client = clientId ? services.tables.clients.get(clientId) : undefined;
  const pool = client && services.tables.pools.get(client.UserPoolId);
  sendPage(
    res,
    { poolName: pool?.Name ?? "cognito-emu" },
    {
      title: "An error was encountered with the requested page.",
      error: `${error}: ${ERROR_EXPLANATIONS[error] ?? "The request could not be completed."}`,
      body: html`${clientId ? html`<p class="hint">App client: ${clientId}</p>` : ""}${error === "redirect_mismatch" && client ? mismatchDetails(req, client) : ""}`,
    },
    400,
  );
}

/** What was refused and what the client allows, as text (never links): fixing a mismatch needs both. */
function mismatchDetails(req: Request, client: ClientRecord): Html {
  const logoutUri = single(req.query.logout_uri);
  const [given, allowed, listName] =
    logoutUri !== undefined
      ? [logoutUri, client.LogoutURLs ?? [], "sign-out URLs (LogoutURLs)"]
      : [single(req.query.redirect_uri), client.CallbackURLs ?? [], "callback URLs (CallbackURLs)"];
  const refused =
    given === undefined
      ? ""
      : given === ""
        ? html`<p class="hint">No redirect_uri was given, and the app client has no DefaultRedirectURI.</p>`
        : html`<p class="hint">Refused: <code>${given}</code></p>`;
  if (!allowed.length) return html`${refused}<p class="hint">The app client has no ${listName}.</p>`;
  return html`${refused}<p class="hint">The app client's ${listName}, one of which must match exactly:</p><ul class="hint">${allowed.map((uri) => html`<li><code>${uri}</code></li>`)}</ul>`;
}
