import type { PoolRecord } from "../../services/user-pools/directory/records";
import { COGNITO_PROVIDER, supportedProviders } from "../authorize-request";
import type { HostedUi } from "./context";
import { field, type FieldSpec, form, html, link, submit } from "./layout";

/** The username input: in pools that sign in by email or phone number, that attribute. */
export function usernameField(pool: PoolRecord, value?: string): FieldSpec {
  const by = pool.UsernameAttributes ?? [];
  if (by.length === 1 && by[0] === "email") return { name: "username", label: "Email", type: "email", value, autocomplete: "email" };
  if (by.length === 1 && by[0] === "phone_number") return { name: "username", label: "Phone number", type: "tel", value, autocomplete: "tel" };
  if (by.length === 2) return { name: "username", label: "Email or phone number", value, autocomplete: "username" };
  return { name: "username", label: "Username", value, autocomplete: "username" };
}

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
