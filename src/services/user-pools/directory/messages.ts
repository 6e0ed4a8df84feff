import type { CodeDeliveryDetailsType, DeliveryMediumType } from "@aws-sdk/client-cognito-identity-provider";
import type { Services } from "../../services";
import { CODE_PARAMETER, type CustomMessage, type CustomMessageSource, runCustomMessage, sendWithCustomSender, USERNAME_PARAMETER } from "../../../triggers";
import { isTrue } from "./attributes";
import type { PoolRecord, UserRecord } from "./records";

const DEFAULT_INVITE = {
  subject: "Your temporary password",
  message: "Your username is {username} and temporary password is {####}.",
};

/** What DescribeUserPool shows for a pool created without message settings. */
export const DEFAULT_VERIFICATION = {
  message: "Your verification code is {####}. ",
  subject: "Your verification code",
  linkMessage: "Please click the link below to verify your email address. {##Verify Email##} ",
  linkSubject: "Your verification link",
};

/** An email address or phone number a code goes to, and the attribute it is the value of. */
export interface Destination {
  attribute: "email" | "phone_number";
  value: string;
}

/** Why a code was sent, as /_emu/messages reports it. */
export type CodeReason = "SignUp" | "ResendCode" | "ForgotPassword" | "UpdateUserAttribute" | "VerifyUserAttribute" | "AdminResetUserPassword";

/** The trigger source each reason is sent under; Cognito reports an administrator's reset as the forgot-password flow. */
const TRIGGER_SOURCE: Record<CodeReason, CustomMessageSource> = {
  SignUp: "SignUp",
  ResendCode: "ResendCode",
  ForgotPassword: "ForgotPassword",
  UpdateUserAttribute: "UpdateUserAttribute",
  VerifyUserAttribute: "VerifyUserAttribute",
  AdminResetUserPassword: "ForgotPassword",
};

/** What the message triggers are told about the request that sends a message. */
export interface MessageContext {
  /** The app client of the request; administrators' requests have none. */
  clientId?: string;
  clientMetadata?: Record<string, string>;
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;
const PHONE_SHAPE = /^\+[0-9]{4,15}$/;

function fill(template: string, username: string, code: string): string {
  return template.replaceAll(USERNAME_PARAMETER, username).replaceAll(CODE_PARAMETER, code);
}

/** Verification templates carry only the code placeholder. */
function fillCode(template: string, code: string): string {
  return template.replaceAll(CODE_PARAMETER, code);
}

/**
 * The link placeholder `{##text##}`: the first "{##" and the first "##}" at least one character after
 * it, as /\{##(.+?)##\}/s finds them, without that expression's rescan from every later "{##" (20,000
 * characters of them took 70 ms). No later "{##" can close where the first could not.
 */
export function linkPlaceholder(template: string): { start: number; end: number; text: string } | undefined {
  const start = template.indexOf("{##");
  if (start === -1) return undefined;
  const close = template.indexOf("##}", start + 4);
  return close === -1 ? undefined : { start, end: close + 3, text: template.slice(start + 3, close) };
}

/**
 * A CustomMessage function's text counts only when it keeps what the reader needs (the code, and the
 * username of an invitation); Cognito sends the pool's own message otherwise.
 */
export function customText(services: Services, pool: PoolRecord, text: string | undefined, fallback: string, usable: (text: string) => boolean, field: string): string {
  if (text === undefined) return fallback;
  if (usable(text)) return text;
  services.log.info(`CustomMessage's ${field} left out a placeholder it must keep; the pool's own message is sent`, { userPoolId: pool.Id });
  return fallback;
}

export const keepsCode = (text: string) => text.includes(CODE_PARAMETER);

/**
 * AdminCreateUser's invitation, by each desired medium the user has an address for (SMS by default).
 * A pool's custom sender takes the message instead; otherwise its CustomMessage trigger may rewrite it.
 */
export async function sendInvitation(
  services: Services,
  pool: PoolRecord,
  user: UserRecord,
  temporaryPassword: string,
  mediums: DeliveryMediumType[] | undefined,
  clientMetadata?: Record<string, string>,
): Promise<void> {
  const template = pool.AdminCreateUserConfig?.InviteMessageTemplate ?? {};
  const displayName = user.Username;
  let custom: CustomMessage | undefined;
  for (const medium of mediums?.length ? mediums : ["SMS" as DeliveryMediumType]) {
    const destination = medium === "EMAIL" ? user.Attributes.email : user.Attributes.phone_number;
    if (!destination) continue;
    const deliveryMedium = medium === "EMAIL" ? "EMAIL" : "SMS";
    if (await sendWithCustomSender(services, pool, { medium: deliveryMedium, source: "AdminCreateUser", user, code: temporaryPassword, clientMetadata })) continue;
    // One CustomMessage call answers for both media, as in Cognito.
    custom ??= (await runCustomMessage(services, pool, { source: "AdminCreateUser", user, clientMetadata })) ?? {};
    const body =
      medium === "EMAIL"
        ? customText(services, pool, custom.emailMessage, template.EmailMessage ?? DEFAULT_INVITE.message, keepsCodeAndUsername, "emailMessage")
        : customText(services, pool, custom.smsMessage, template.SMSMessage ?? DEFAULT_INVITE.message, keepsCodeAndUsername, "smsMessage");
    services.outbox.send({
      userPoolId: pool.Id,
      username: user.Username,
      destination,
      deliveryMedium,
      code: temporaryPassword,
      subject: medium === "EMAIL" ? (custom.emailSubject ?? template.EmailSubject ?? DEFAULT_INVITE.subject) : undefined,
      message: fill(body, displayName, temporaryPassword),
      reason: "AdminCreateUser",
    });
  }
}

const keepsCodeAndUsername = (text: string) => keepsCode(text) && text.includes(USERNAME_PARAMETER);

/** `alice@example.com` as Cognito shows it: `a***@e***`, the first letter of each part and no more. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  return `${address.charAt(0)}***@${address.charAt(at + 1)}***`;
}

/** `+15555550100` as Cognito shows it: `+*******0100`. */
export function maskPhone(number: string): string {
  return `+${"*".repeat(Math.max(number.length - 5, 0))}${number.slice(-4)}`;
}

/** The CodeDeliveryDetails of a code sent to the destination. */
export function deliveryDetails(destination: Destination): CodeDeliveryDetailsType {
  const email = destination.attribute === "email";
  return {
    Destination: email ? maskEmail(destination.value) : maskPhone(destination.value),
    DeliveryMedium: email ? "EMAIL" : "SMS",
    AttributeName: destination.attribute,
  };
}

/**
 * Sends a code with the pool's verification template (or Cognito's default), and answers the
 * CodeDeliveryDetails the API returns. A pool's custom sender takes the message instead; otherwise its
 * CustomMessage trigger may rewrite it. Sign-up codes sent through an app client become a link when
 * the pool confirms sign-ups by link.
 */
export async function sendCode(
  services: Services,
  pool: PoolRecord,
  user: UserRecord,
  destination: Destination,
  code: string,
  reason: CodeReason,
  context: MessageContext = {},
): Promise<CodeDeliveryDetailsType> {
  const source = TRIGGER_SOURCE[reason];
  const deliveryMedium = destination.attribute === "email" ? "EMAIL" : "SMS";
  if (await sendWithCustomSender(services, pool, { medium: deliveryMedium, source, user, code, ...context })) return deliveryDetails(destination);
  const custom = (await runCustomMessage(services, pool, { source, user, ...context })) ?? {};
  const byLink =
    (reason === "SignUp" || reason === "ResendCode") && context.clientId !== undefined && pool.VerificationMessageTemplate?.DefaultEmailOption === "CONFIRM_WITH_LINK";
  const content =
    deliveryMedium === "SMS"
      ? { message: fillCode(customText(services, pool, custom.smsMessage, smsTemplate(pool), keepsCode, "smsMessage"), code) }
      : byLink
        ? linkEmail(services, pool, user, code, context.clientId!, custom)
        : codeEmail(services, pool, code, custom);
  services.outbox.send({
    userPoolId: pool.Id,
    username: user.Username,
    destination: destination.value,
    deliveryMedium,
    code,
    ...content,
    reason,
  });
  return deliveryDetails(destination);
}

function smsTemplate(pool: PoolRecord): string {
  return pool.VerificationMessageTemplate?.SmsMessage ?? pool.SmsVerificationMessage ?? DEFAULT_VERIFICATION.message;
}

function codeEmail(services: Services, pool: PoolRecord, code: string, custom: CustomMessage) {
  const template = pool.VerificationMessageTemplate ?? {};
  const body = template.EmailMessage ?? pool.EmailVerificationMessage ?? DEFAULT_VERIFICATION.message;
  return {
    subject: custom.emailSubject ?? template.EmailSubject ?? pool.EmailVerificationSubject ?? DEFAULT_VERIFICATION.subject,
    message: fillCode(customText(services, pool, custom.emailMessage, body, keepsCode, "emailMessage"), code),
  };
}

/**
 * `{##Verify Email##}` becomes a link to the emulator's /confirmUser, which Cognito serves on the pool's
 * domain. A function's message may carry that link placeholder, or build its own link around the code.
 */
function linkEmail(services: Services, pool: PoolRecord, user: UserRecord, code: string, clientId: string, custom: CustomMessage) {
  const template = pool.VerificationMessageTemplate ?? {};
  const query = new URLSearchParams({ client_id: clientId, user_name: user.Username, confirmation_code: code });
  const url = `${services.baseUrl()}/confirmUser?${query}`;
  const keepsLinkOrCode = (text: string) => linkPlaceholder(text) !== undefined || keepsCode(text);
  const body = customText(services, pool, custom.emailMessage, template.EmailMessageByLink ?? DEFAULT_VERIFICATION.linkMessage, keepsLinkOrCode, "emailMessage");
  const link = linkPlaceholder(body);
  return {
    subject: custom.emailSubject ?? template.EmailSubjectByLink ?? DEFAULT_VERIFICATION.linkSubject,
    message: fillCode(link ? `${body.slice(0, link.start)}<a href="${url}">${link.text}</a>${body.slice(link.end)}` : body, code),
  };
}

/**
 * Where a sign-up code goes: the phone number when the pool verifies phone numbers (Cognito then
 * leaves the email for GetUserAttributeVerificationCode), else the email. Undefined: no code at all.
 */
export function signUpDestination(pool: PoolRecord, attributes: Record<string, string>): Destination | undefined {
  const verified = pool.AutoVerifiedAttributes ?? [];
  if (verified.includes("phone_number") && attributes.phone_number) return { attribute: "phone_number", value: attributes.phone_number };
  if (verified.includes("email") && attributes.email) return { attribute: "email", value: attributes.email };
  return undefined;
}

/** `admin_only`: the pool lets only administrators reset passwords. */
export type Recovery = Destination | "admin_only" | undefined;

/** Cognito's answers when a password-reset code has nowhere to go. */
export const NO_RECOVERY_CONTACT = "Cannot reset password for the user as there is no registered/verified email or phone_number";
export const ADMIN_ONLY_RECOVERY = "Contact administrator to reset password.";

/**
 * Where a password-reset code goes, per the pool's AccountRecoverySetting in priority order; without
 * one, Cognito's legacy choice of a verified phone number over a verified email. A phone number used
 * for SMS MFA (an email used for email MFA) does not qualify under an explicit setting.
 */
export function recoveryDestination(pool: PoolRecord, user: UserRecord): Recovery {
  const mechanisms = pool.AccountRecoverySetting?.RecoveryMechanisms ?? [];
  if (!mechanisms.length) return verifiedPhone(user) ?? verifiedEmail(user);
  const mfa = user.UserMFASettingList ?? [];
  for (const { Name } of [...mechanisms].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0))) {
    if (Name === "admin_only") return "admin_only";
    if (Name === "verified_phone_number" && !mfa.includes("SMS_MFA") && verifiedPhone(user)) return verifiedPhone(user);
    if (Name === "verified_email" && !mfa.includes("EMAIL_OTP") && verifiedEmail(user)) return verifiedEmail(user);
  }
  return undefined;
}

function verifiedPhone(user: UserRecord): Destination | undefined {
  const value = user.Attributes.phone_number;
  return value && isTrue(user.Attributes.phone_number_verified) ? { attribute: "phone_number", value } : undefined;
}

function verifiedEmail(user: UserRecord): Destination | undefined {
  const value = user.Attributes.email;
  return value && isTrue(user.Attributes.email_verified) ? { attribute: "email", value } : undefined;
}

/**
 * The delivery details a client with PreventUserExistenceErrors answers for a user it will not admit
 * is missing: shaped by the name given (an email, a phone number) and the pool's verification.
 */
export function simulatedDelivery(pool: PoolRecord, username: string): CodeDeliveryDetailsType {
  if (EMAIL_SHAPE.test(username)) return deliveryDetails({ attribute: "email", value: username });
  if (PHONE_SHAPE.test(username)) return deliveryDetails({ attribute: "phone_number", value: username });
  const verified = pool.AutoVerifiedAttributes ?? [];
  const phoneOnly = verified.length > 0 && verified.every((attribute) => attribute === "phone_number");
  return phoneOnly
    ? deliveryDetails({ attribute: "phone_number", value: `+1555${String(hashOf(username) % 10_000_000).padStart(7, "0")}` })
    : deliveryDetails({ attribute: "email", value: `${username}@example.com` });
}

/** A stable number from a name, so the same unknown user always gets the same simulated destination. */
function hashOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}
