import type { CodeDeliveryDetailsType, SignUpResponse } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../errors";
import type { PoolRecord } from "../../services/user-pools/directory/records";
import { attributeField } from "./challenge-views";
import type { HostedUi } from "./context";
import { field, form, hidden, html, link, outboxHint, submit } from "./layout";
import { renderLogin, usernameField } from "./login-page";
import { userPools } from "./operations";

/** The attributes the sign-up form asks for: the required ones, and the email or phone number the pool verifies or signs in with. */
export function signUpAttributes(pool: PoolRecord): string[] {
  const usernameAttributes = pool.UsernameAttributes ?? [];
  const names = (pool.SchemaAttributes ?? []).filter((a) => a.Required && a.Name !== "sub").map((a) => a.Name!);
  for (const contact of ["email", "phone_number"]) {
    const wanted = (pool.AutoVerifiedAttributes ?? []).includes(contact as "email") || (pool.AliasAttributes ?? []).includes(contact as "email");
    if (wanted && !names.includes(contact)) names.push(contact);
  }
  // In pools that sign in by email or phone number, the username field is that attribute.
  return names.filter((name) => !(usernameAttributes.length === 1 && usernameAttributes[0] === name));
}

export function renderSignUp(ui: HostedUi, values: Record<string, string> = {}, error?: string, status = 200): void {
  const { pool } = ui.request;
  const body = html`${form(
    ui.href("/signup"),
    field(usernameField(pool, values.username)),
    signUpAttributes(pool).map((name) => field(attributeField(name, values[`attr_${name}`]))),
    field({ name: "password", label: "Password", type: "password", autocomplete: "new-password" }),
    submit("Sign up"),
  )}
<div class="links"><span>Already have an account? ${link(ui.href("/login"), "Sign in")}</span></div>`;
  ui.render({ title: "Sign up with a new account", error, body }, status);
}

/** POST /signup: SignUp as the API runs it, then the confirmation page (or sign-in, when a trigger confirmed the user). */
export async function submitSignUp(ui: HostedUi): Promise<void> {
  const { form: fields, request } = ui;
  const username = (fields.username ?? "").trim();
  const UserAttributes = signUpAttributes(request.pool)
    .filter((name) => fields[`attr_${name}`])
    .map((Name) => ({ Name, Value: fields[`attr_${Name}`].trim() }));
  let result: SignUpResponse;
  try {
    result = await userPools(ui).signUp({
      ClientId: request.client.ClientId,
      Username: username,
      Password: fields.password ?? "",
      UserAttributes,
      ...secretHashOf(ui, username),
    });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return renderSignUp(ui, fields, error.message, 400);
  }
  if (result.UserConfirmed) return renderLogin(ui, { notice: "Your account is ready. Sign in to continue.", username });
  renderConfirmSignUp(ui, { username, delivery: result.CodeDeliveryDetails });
}

export function renderConfirmSignUp(ui: HostedUi, page: { username: string; delivery?: CodeDeliveryDetailsType; error?: string; notice?: string }, status = 200): void {
  const description = page.delivery?.Destination
    ? `We have sent a code by ${page.delivery.DeliveryMedium === "SMS" ? "text message" : "email"} to ${page.delivery.Destination}. Enter it below to confirm your account.`
    : "Enter the confirmation code we sent you.";
  const body = html`${form(
    ui.href("/confirmUser"),
    hidden({ username: page.username }),
    html`<p class="textDescription-customizable">${description}</p>`,
    field({ name: "code", label: "Verification code", autocomplete: "one-time-code" }),
    submit("Confirm account"),
  )}
${outboxHint(ui.request.pool.Id, page.username)}
${form(ui.href("/resendCode"), hidden({ username: page.username }), html`<button type="submit" class="secondary">Resend code</button>`)}`;
  ui.render({ title: "Confirm your account", error: page.error, notice: page.notice, body }, status);
}

/** POST /confirmUser: ConfirmSignUp, then the sign-in page. */
export async function submitConfirmSignUp(ui: HostedUi): Promise<void> {
  const { form: fields, request } = ui;
  const username = fields.username ?? "";
  try {
    await userPools(ui).confirmSignUp({
      ClientId: request.client.ClientId,
      Username: username,
      ConfirmationCode: (fields.code ?? "").trim(),
      ...secretHashOf(ui, username),
    });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return renderConfirmSignUp(ui, { username, error: error.message }, 400);
  }
  renderLogin(ui, { notice: "Your account is confirmed. Sign in to continue.", username });
}

/** POST /resendCode. */
export async function submitResendCode(ui: HostedUi): Promise<void> {
  const username = ui.form.username ?? "";
  try {
    const delivery = await resendConfirmation(ui, username);
    renderConfirmSignUp(ui, { username, delivery, notice: "We have sent a new code." });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    renderConfirmSignUp(ui, { username, error: error.message }, 400);
  }
}

export async function resendConfirmation(ui: HostedUi, username: string): Promise<CodeDeliveryDetailsType | undefined> {
  const result = await userPools(ui).resendConfirmationCode({
    ClientId: ui.request.client.ClientId,
    Username: username,
    ...secretHashOf(ui, username),
  });
  return result.CodeDeliveryDetails;
}

export function secretHashOf(ui: HostedUi, username: string): { SecretHash?: string } {
  const hash = ui.secretHash(username);
  return hash ? { SecretHash: hash } : {};
}
