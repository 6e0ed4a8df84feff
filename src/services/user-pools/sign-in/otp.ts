import { CodeMismatch, InvalidParameter } from "../../../errors";
import { numericCode } from "../../../ids";
import { runCustomMessage, sendWithCustomSender } from "../../../triggers";
import type { Services } from "../../services";
import { assertNotLockedOut, clearFailedSignIns, recordFailedSignIn } from "./lockout";
import { customText, keepsCode, maskEmail, maskPhone } from "../directory/messages";
import type { AuthSession } from "./sessions";
import type { NextChallenge } from "./result";
import { challenge, failureOf, type SignInState } from "./state";

/** Why a sign-in code was sent: a second factor after the password, or the first factor of a passwordless sign-in. */
export type CodePurpose = "mfa" | "first-factor";

/** The challenges answered with a code the pool sent by SMS or email. */
export type CodeChallengeName = "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP";

type Channel = "SMS" | "EMAIL";

const CHANNEL: Record<CodeChallengeName, Channel> = { SMS_MFA: "SMS", SMS_OTP: "SMS", EMAIL_OTP: "EMAIL" };
const DEFAULT_SMS_MESSAGE = "Your authentication code is {####}. ";
const DEFAULT_EMAIL = { subject: "Your authentication code", message: "Your authentication code is {####}." };
const MISMATCH_MESSAGE = "Invalid code or auth state for the user.";

/**
 * Sends a fresh six-digit code to the user's phone or email and opens the challenge that takes it.
 * The code lives in the challenge's session, so it expires with it (three minutes by default, as
 * Cognito's SMS codes do) and a new sign-in sends a new one.
 */
export async function openCodeChallenge(services: Services, state: SignInState, name: CodeChallengeName, purpose: CodePurpose): Promise<NextChallenge> {
  const channel = CHANNEL[name];
  const destination = channel === "SMS" ? state.user.Attributes.phone_number : state.user.Attributes.email;
  if (!destination) throw InvalidParameter(`User does not have ${channel === "SMS" ? "a phone_number" : "an email"} to send a code to`);
  const code = numericCode(6);
  await deliver(services, state, channel, destination, code);
  return challenge(
    services,
    state,
    name,
    {
      CODE_DELIVERY_DELIVERY_MEDIUM: channel,
      CODE_DELIVERY_DESTINATION: channel === "SMS" ? maskPhone(destination) : maskEmail(destination),
    },
    { code, purpose },
  );
}

/**
 * Checks the code answering a code challenge. Wrong codes count toward the user's sign-in lockout,
 * as Cognito counts MFA failures with password failures; a locked-out user is refused even the right code.
 */
export function checkCodeAnswer(services: Services, state: SignInState, session: AuthSession, given: string): CodePurpose {
  assertNotLockedOut(services, state.user);
  if (given !== session.Data?.code) {
    recordFailedSignIn(services, state.user, failureOf(state, session.Data?.purpose === "first-factor" ? "Password" : "Mfa"));
    throw CodeMismatch(MISMATCH_MESSAGE);
  }
  clearFailedSignIns(services, state.user);
  return session.Data?.purpose === "first-factor" ? "first-factor" : "mfa";
}

/** A sign-in code goes to the pool's custom sender when it has one; otherwise its CustomMessage trigger may word it. */
async function deliver(services: Services, state: SignInState, channel: Channel, destination: string, code: string): Promise<void> {
  const { pool, user } = state;
  const context = { clientId: state.client.ClientId, clientMetadata: state.clientMetadata };
  if (await sendWithCustomSender(services, pool, { medium: channel, source: "Authentication", user, code, ...context })) return;
  const custom = (await runCustomMessage(services, pool, { source: "Authentication", user, ...context })) ?? {};
  const email = pool.EmailMfaConfiguration ?? {};
  const content =
    channel === "SMS"
      ? { message: customText(services, pool, custom.smsMessage, pool.SmsAuthenticationMessage ?? DEFAULT_SMS_MESSAGE, keepsCode, "smsMessage").replaceAll("{####}", code) }
      : {
          subject: custom.emailSubject ?? email.Subject ?? DEFAULT_EMAIL.subject,
          message: customText(services, pool, custom.emailMessage, email.Message ?? DEFAULT_EMAIL.message, keepsCode, "emailMessage").replaceAll("{####}", code),
        };
  services.outbox.send({
    userPoolId: pool.Id,
    username: user.Username,
    destination,
    deliveryMedium: channel,
    code,
    ...content,
    reason: "Authentication",
  });
}
