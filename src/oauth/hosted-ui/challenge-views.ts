import { type FieldSpec, type Html, html } from "./layout";

/** What a challenge page shows and how its form becomes ChallengeResponses. */
export interface ChallengeView {
  title: string;
  description?(parameters: Record<string, string>): string | undefined;
  fields(parameters: Record<string, string>): FieldSpec[];
  /** Extra markup above the fields (choices, secrets). */
  extra?(parameters: Record<string, string>): Html | undefined;
  responses(form: Record<string, string>, parameters: Record<string, string>): Record<string, string>;
}

const codeField = (label = "Code"): FieldSpec => ({ name: "code", label, autocomplete: "one-time-code" });

const sentTo = (medium: string) => (parameters: Record<string, string>) =>
  parameters.CODE_DELIVERY_DESTINATION ? `We have sent a code by ${medium} to ${parameters.CODE_DELIVERY_DESTINATION}. Enter it to sign in.` : `Enter the code sent to you by ${medium}.`;

const MFA_NAMES: Record<string, string> = { SMS_MFA: "Text message (SMS)", SOFTWARE_TOKEN_MFA: "Authenticator app", EMAIL_OTP: "Email" };

/** Each challenge the sign-in pipeline can return, by name; anything else gets a generic answer field. */
export const CHALLENGE_VIEWS: Record<string, ChallengeView> = {
  SMS_MFA: {
    title: "Enter your verification code",
    description: sentTo("text message"),
    fields: () => [codeField()],
    responses: (form) => ({ SMS_MFA_CODE: form.code ?? "" }),
  },
  EMAIL_OTP: {
    title: "Enter your verification code",
    description: sentTo("email"),
    fields: () => [codeField()],
    responses: (form) => ({ EMAIL_OTP_CODE: form.code ?? "" }),
  },
  SOFTWARE_TOKEN_MFA: {
    title: "Enter your authenticator code",
    description: () => "Enter the six-digit code from your authenticator app.",
    fields: () => [codeField("Authenticator code")],
    responses: (form) => ({ SOFTWARE_TOKEN_MFA_CODE: form.code ?? "" }),
  },
  SELECT_MFA_TYPE: {
    title: "Choose how to verify",
    fields: () => [],
    extra: (parameters) => {
      const choices = parseList(parameters.MFAS_CAN_CHOOSE);
      return html`<div class="choices">${choices.map(
        (choice, i) => html`<label><input type="radio" name="answer" value="${choice}"${i === 0 ? html` checked` : ""}> ${MFA_NAMES[choice] ?? choice}</label>`,
      )}</div>`;
    },
    responses: (form) => ({ ANSWER: form.answer ?? "" }),
  },
  NEW_PASSWORD_REQUIRED: {
    title: "Change password",
    description: () => "Please enter a new password.",
    fields: (parameters) => [
      { name: "new_password", label: "New password", type: "password", autocomplete: "new-password" },
      { name: "confirm_password", label: "Enter new password again", type: "password", autocomplete: "new-password" },
      ...parseList(parameters.requiredAttributes).map((name) => attributeField(name.replace(/^userAttributes\./, ""))),
    ],
    responses: (form, parameters) => {
      const responses: Record<string, string> = { NEW_PASSWORD: form.new_password ?? "" };
      for (const name of parseList(parameters.requiredAttributes)) responses[name] = form[`attr_${name.replace(/^userAttributes\./, "")}`] ?? "";
      return responses;
    },
  },
  CUSTOM_CHALLENGE: {
    title: "Answer the challenge",
    description: (parameters) => parameters.question ?? parameters.QUESTION,
    fields: () => [{ name: "answer", label: "Answer", autocomplete: "off" }],
    responses: (form) => ({ ANSWER: form.answer ?? "" }),
  },
};

export function viewOf(challenge: string): ChallengeView {
  return (
    CHALLENGE_VIEWS[challenge] ?? {
      title: `Answer the ${challenge} challenge`,
      fields: () => [{ name: "answer", label: "Answer", autocomplete: "off" }],
      responses: (form) => ({ ANSWER: form.answer ?? "" }),
    }
  );
}

/** An input for a user attribute the pool requires (named `attr_<name>` in the form). */
export function attributeField(name: string, value?: string): FieldSpec {
  const type = name === "email" ? "email" : name === "phone_number" ? "tel" : "text";
  return { name: `attr_${name}`, label: labelOf(name), type, value, autocomplete: AUTOCOMPLETE[name] };
}

const AUTOCOMPLETE: Record<string, string> = {
  email: "email",
  phone_number: "tel",
  name: "name",
  given_name: "given-name",
  family_name: "family-name",
  birthdate: "bday",
  address: "street-address",
};

export function labelOf(attribute: string): string {
  const plain = attribute.replace(/^custom:/, "").replace(/_/g, " ");
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

export function parseList(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
