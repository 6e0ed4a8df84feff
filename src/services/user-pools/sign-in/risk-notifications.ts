import type { EventContextDataType, NotifyConfigurationType, NotifyEmailType } from "@aws-sdk/client-cognito-identity-provider";
import type { Services } from "../../services";
import type { PoolRecord, UserRecord } from "../directory/records";
import { effectiveRiskConfiguration } from "./risk";

/** Which of the NotifyConfiguration templates applies: the response adaptive authentication gave. */
export type NoticeKind = "block" | "mfa" | "noAction";

/** The outbox's `reason` for these emails. */
export const NOTICE_REASON = "AdaptiveAuthentication";

/** The path of the one-click feedback links (oauth/hosted-ui/feedback.ts answers it). */
export const FEEDBACK_PATH = "/feedback";

const TEMPLATE_MEMBER = { block: "BlockEmail", mfa: "MfaEmail", noAction: "NoActionEmail" } as const satisfies Record<NoticeKind, keyof NotifyConfigurationType>;

/** Used when the NotifyConfiguration has no template for the case; the emulator's own wording. */
const DEFAULT_TEMPLATES: Record<NoticeKind, NotifyEmailType> = {
  block: {
    Subject: "Blocked sign-in attempt",
    TextBody:
      "We blocked a sign-in to your account {username} from {device-name} at {ip-address} on {login-time}.\n" +
      "If this was you, let us know: {one-click-link-valid}\nIf this was not you, let us know: {one-click-link-invalid}",
  },
  mfa: {
    Subject: "New sign-in activity",
    TextBody:
      "We asked for an additional verification when your account {username} signed in from {device-name} at {ip-address} on {login-time}.\n" +
      "If this was you, let us know: {one-click-link-valid}\nIf this was not you, let us know: {one-click-link-invalid}",
  },
  noAction: {
    Subject: "New sign-in activity",
    TextBody:
      "Your account {username} signed in from {device-name} at {ip-address} on {login-time}.\n" +
      "If this was you, let us know: {one-click-link-valid}\nIf this was not you, let us know: {one-click-link-invalid}",
  },
};

export interface Notice {
  pool: PoolRecord;
  clientId: string;
  user: UserRecord;
  kind: NoticeKind;
  eventId: string;
  feedbackToken: string;
  context?: EventContextDataType;
}

/**
 * Emails the user about a risky sign-in, from the NotifyConfiguration template for the response taken
 * (BlockEmail, MfaEmail, NoActionEmail), with the placeholders Cognito documents filled in. The
 * one-click links need a domain for the pool, as in Cognito; they open the emulator's feedback page,
 * which submits UpdateAuthEventFeedback with the event's feedback token. Kept even when the sign-in
 * it reports is then refused.
 */
export function notifyUser(services: Services, notice: Notice): void {
  const { pool, user } = notice;
  const email = user.Attributes.email;
  if (!email) return;
  const configuration = effectiveRiskConfiguration(services, pool.Id, notice.clientId)?.AccountTakeoverRiskConfiguration?.NotifyConfiguration;
  const template = configuration?.[TEMPLATE_MEMBER[notice.kind]] ?? DEFAULT_TEMPLATES[notice.kind];
  const html = !template.TextBody && template.HtmlBody !== undefined;
  const values = placeholderValues(services, notice);
  const fill = (text: string, asHtml: boolean) => text.replace(/\{[a-z-]+\}/g, (token) => (token in values ? (asHtml ? escapeHtml(values[token]) : values[token]) : token));
  services.store.keepOnFailure(() =>
    services.outbox.send({
      userPoolId: pool.Id,
      username: user.Username,
      destination: email,
      deliveryMedium: "EMAIL",
      subject: fill(template.Subject ?? "", false),
      message: fill((html ? template.HtmlBody : template.TextBody) ?? "", html),
      reason: NOTICE_REASON,
    }),
  );
}

/** Advanced security template placeholders (developer guide, Message templates). */
function placeholderValues(services: Services, notice: Notice): Record<string, string> {
  const { pool, user, context = {} } = notice;
  const links = Boolean(pool.Domain || pool.CustomDomain);
  const link = (value: "valid" | "invalid") => {
    const query = new URLSearchParams({ user_pool_id: pool.Id, username: user.Username, event_id: notice.eventId, feedback_token: notice.feedbackToken, feedback_value: value });
    return `${services.baseUrl()}${FEEDBACK_PATH}?${query}`;
  };
  return {
    "{username}": user.Username,
    "{ip-address}": context.IpAddress ?? "",
    "{city}": context.City ?? "",
    "{country}": context.Country ?? "",
    "{login-time}": services.clock.date().toISOString(),
    "{device-name}": context.DeviceName ?? "",
    "{one-click-link-valid}": links ? link("valid") : "",
    "{one-click-link-invalid}": links ? link("invalid") : "",
    "{event-id}": notice.eventId,
    "{feedback-token}": notice.feedbackToken,
  };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Values filled into an HtmlBody are text. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
