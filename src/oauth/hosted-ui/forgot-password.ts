import type { CodeDeliveryDetailsType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../errors";
import type { HostedUi } from "./context";
import { field, form, hidden, html, link, outboxHint, submit } from "./layout";
import { renderLogin } from "./login-page";
import { userPools } from "./operations";
import { secretHashOf } from "./sign-up";

export function renderForgotPassword(ui: HostedUi, username?: string, error?: string, status = 200): void {
  const body = html`${form(
    ui.href("/forgotPassword"),
    html`<p class="textDescription-customizable">Enter your username and we will send you a code to reset your password.</p>`,
    field({ name: "username", label: "Username", value: username, autocomplete: "username" }),
    submit("Reset my password"),
  )}
<div class="links">${link(ui.href("/login"), "Back to sign in")}</div>`;
  ui.render({ title: "Forgot your password?", error, body }, status);
}

/** POST /forgotPassword: ForgotPassword as the API runs it, then the code-and-new-password page. */
export async function submitForgotPassword(ui: HostedUi): Promise<void> {
  const username = (ui.form.username ?? "").trim();
  try {
    const delivery = await startPasswordReset(ui, username);
    renderConfirmForgotPassword(ui, { username, delivery });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    renderForgotPassword(ui, username, error.message, 400);
  }
}

export async function startPasswordReset(ui: HostedUi, username: string): Promise<CodeDeliveryDetailsType | undefined> {
  const result = await userPools(ui).forgotPassword({
    ClientId: ui.request.client.ClientId,
    Username: username,
    ...secretHashOf(ui, username),
  });
  return result.CodeDeliveryDetails;
}

export function renderConfirmForgotPassword(ui: HostedUi, page: { username: string; delivery?: CodeDeliveryDetailsType; error?: string; notice?: string }, status = 200): void {
  const description = page.delivery?.Destination
    ? `We have sent a password reset code by ${page.delivery.DeliveryMedium === "SMS" ? "text message" : "email"} to ${page.delivery.Destination}. Enter it below to reset your password.`
    : "Enter the password reset code we sent you.";
  const body = form(
    ui.href("/confirmForgotPassword"),
    hidden({ username: page.username }),
    html`<p class="textDescription-customizable">${description}</p>`,
    field({ name: "code", label: "Code", autocomplete: "one-time-code" }),
    field({ name: "password", label: "New password", type: "password", autocomplete: "new-password" }),
    field({ name: "confirm_password", label: "Enter new password again", type: "password", autocomplete: "new-password" }),
    submit("Change password"),
  );
  ui.render({ title: "Reset your password", error: page.error, notice: page.notice, body: html`${body}${outboxHint(ui.request.pool.Id, page.username)}` }, status);
}

/** POST /confirmForgotPassword: ConfirmForgotPassword, then the sign-in page. */
export async function submitConfirmForgotPassword(ui: HostedUi): Promise<void> {
  const { form: fields, request } = ui;
  const username = fields.username ?? "";
  if (fields.password !== fields.confirm_password) return renderConfirmForgotPassword(ui, { username, error: "Passwords do not match." }, 400);
  try {
    await userPools(ui).confirmForgotPassword({
      ClientId: request.client.ClientId,
      Username: username,
      ConfirmationCode: (fields.code ?? "").trim(),
      Password: fields.password ?? "",
      ...secretHashOf(ui, username),
    });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return renderConfirmForgotPassword(ui, { username, error: error.message }, 400);
  }
  renderLogin(ui, { notice: "Your password has been reset. Sign in with your new password.", username });
}
