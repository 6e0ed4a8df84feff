import { StoppedClock, tokenTestbed } from "../../../tokens/testing";
import { recordedEvents, recordingModule, triggerTestbed } from "../../../triggers/testing";
import {
  DEFAULT_VERIFICATION,
  deliveryDetails,
  linkPlaceholder,
  maskEmail,
  maskPhone,
  recoveryDestination,
  sendCode,
  sendInvitation,
  signUpDestination,
  simulatedDelivery,
} from "./messages";
import type { PoolRecord, UserRecord } from "./records";

function testbed() {
  const bed = tokenTestbed({ clock: new StoppedClock() });
  const { services } = bed;
  return { ...bed, services };
}

const withAttributes = (user: UserRecord, attributes: Record<string, string>, changes: Partial<UserRecord> = {}): UserRecord => ({
  ...user,
  Attributes: attributes,
  ...changes,
});

describe("masked destinations", () => {
  it("shows the first letter of each part of an email, the last four digits of a phone number", () => {
    // Cognito's SignUp answers "t***@t***" for test@test.com (an AWS CLI response in a public write-up);
    // amazon-cognito-identity-js's own tests mock CodeDeliveryDetailsList with "e***@e***".
    expect(maskEmail("alice@example.com")).toBe("a***@e***");
    expect(maskEmail("bob@mail.example.co.uk")).toBe("b***@m***");
    expect(maskEmail("carol@localhost")).toBe("c***@l***");
    expect(maskPhone("+15555550100")).toBe("+*******0100");
    expect(maskPhone("+447700900123")).toBe("+********0123");
    expect(deliveryDetails({ attribute: "phone_number", value: "+15555550100" })).toEqual({ Destination: "+*******0100", DeliveryMedium: "SMS", AttributeName: "phone_number" });
  });
});

describe("verification messages", () => {
  it("uses Cognito's default template, with the code in the outbox", async () => {
    const { services, pool, user } = testbed();
    const details = await sendCode(services, pool, user, { attribute: "email", value: "alice@example.com" }, "123456", "SignUp");
    expect(details).toEqual({ Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    expect(services.outbox.list()).toEqual([
      expect.objectContaining({
        userPoolId: pool.Id,
        username: "alice",
        destination: "alice@example.com",
        deliveryMedium: "EMAIL",
        code: "123456",
        subject: DEFAULT_VERIFICATION.subject,
        message: "Your verification code is 123456. ",
        reason: "SignUp",
      }),
    ]);
  });

  it("uses the pool's templates, then the legacy message fields", async () => {
    const { services, pool, user } = testbed();
    const templated: PoolRecord = { ...pool, VerificationMessageTemplate: { SmsMessage: "SMS {####}", EmailMessage: "Mail {####}", EmailSubject: "Subject" } };
    await sendCode(services, templated, user, { attribute: "phone_number", value: "+15555550100" }, "111111", "ResendCode");
    await sendCode(services, templated, user, { attribute: "email", value: "alice@example.com" }, "222222", "ForgotPassword");
    const legacy: PoolRecord = { ...pool, EmailVerificationMessage: "Legacy {####}", EmailVerificationSubject: "Legacy subject" };
    await sendCode(services, legacy, user, { attribute: "email", value: "alice@example.com" }, "333333", "VerifyUserAttribute");
    const sent = services.outbox.list();
    expect(sent[0]).toMatchObject({ deliveryMedium: "SMS", destination: "+15555550100", message: "SMS 111111", reason: "ResendCode" });
    expect(sent[0]).not.toHaveProperty("subject");
    expect(sent[1]).toMatchObject({ subject: "Subject", message: "Mail 222222", reason: "ForgotPassword" });
    expect(sent[2]).toMatchObject({ subject: "Legacy subject", message: "Legacy 333333" });
  });

  it("sends a confirmation link instead of a code when the pool confirms sign-ups by link", async () => {
    const { services, pool, user } = testbed();
    const byLink: PoolRecord = { ...pool, VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK", EmailMessageByLink: "Hello, {##Click here##} to join." } };
    await sendCode(services, byLink, user, { attribute: "email", value: "alice@example.com" }, "444444", "SignUp", { clientId: "client1" });
    await sendCode(services, { ...byLink, VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK" } }, user, { attribute: "email", value: "alice@example.com" }, "555555", "SignUp", { clientId: "client1" });
    // Only sign-up confirmations use the link; other codes stay codes.
    await sendCode(services, byLink, user, { attribute: "email", value: "alice@example.com" }, "666666", "ForgotPassword");
    const [custom, standard, reset] = services.outbox.list();
    const link = "http://127.0.0.1:9229/confirmUser?client_id=client1&user_name=alice&confirmation_code=444444";
    expect(custom).toMatchObject({ subject: "Your verification link", code: "444444", message: `Hello, <a href="${link}">Click here</a> to join.` });
    expect(standard.message).toBe(`Please click the link below to verify your email address. <a href="${link.replace("444444", "555555")}">Verify Email</a> `);
    expect(reset.message).toBe("Your verification code is 666666. ");
  });

  it("keeps AdminCreateUser's invitations", async () => {
    const { services, pool, user } = testbed();
    await sendInvitation(services, pool, user, "Temp0rary!", ["EMAIL", "SMS"]);
    expect(services.outbox.list().map((m) => [m.deliveryMedium, m.reason, m.message])).toEqual([
      ["EMAIL", "AdminCreateUser", "Your username is alice and temporary password is Temp0rary!."],
      ["SMS", "AdminCreateUser", "Your username is alice and temporary password is Temp0rary!."],
    ]);
  });
});

describe("messages a CustomMessage function words", () => {
  /** A pool whose CustomMessage function answers `response` and records its events. */
  function withCustomMessage(response: Record<string, string>, changes: Partial<PoolRecord> = {}) {
    const bed = triggerTestbed();
    const events = bed.tempFile("events");
    bed.defineModule("fn", recordingModule(events, `Object.assign(event.response, ${JSON.stringify(response)}); return event;`));
    return { ...bed, pool: bed.pool({ CustomMessage: "fn" }, changes), events: () => recordedEvents(events) };
  }
  const email = { attribute: "email", value: "alice@example.com" } as const;
  const phone = { attribute: "phone_number", value: "+15555550100" } as const;

  it("fills the function's messages and keeps its subject; a message without the code gives way to the pool's", async () => {
    const { services, pool, user, events } = withCustomMessage({ emailMessage: "Code {####}!", emailSubject: "Hi", smsMessage: "no code here" });
    await sendCode(services, pool, user, email, "123456", "AdminResetUserPassword", { clientMetadata: { a: "b" } });
    await sendCode(services, pool, user, phone, "654321", "ResendCode", { clientId: "client1" });
    expect(services.outbox.list().map((m) => [m.subject, m.message, m.reason])).toEqual([
      ["Hi", "Code 123456!", "AdminResetUserPassword"],
      [undefined, "Your verification code is 654321. ", "ResendCode"],
    ]);
    expect(events().map((e) => [e.triggerSource, e.callerContext.clientId, e.request.clientMetadata])).toEqual([
      ["CustomMessage_ForgotPassword", "CLIENT_ID_NOT_APPLICABLE", { a: "b" }],
      ["CustomMessage_ResendCode", "client1", undefined],
    ]);
  });

  it("lets a confirmation link message use the link placeholder or its own link around the code", async () => {
    const byLink = { VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK" as const } };
    const placeholder = withCustomMessage({ emailMessage: "Welcome! {##Confirm##}" }, byLink);
    await sendCode(placeholder.services, placeholder.pool, placeholder.user, email, "111111", "SignUp", { clientId: "client1" });
    expect(placeholder.services.outbox.list()[0].message).toBe(
      'Welcome! <a href="http://localhost/confirmUser?client_id=client1&user_name=alice&confirmation_code=111111">Confirm</a>',
    );
    const ownLink = withCustomMessage({ emailMessage: "Go to https://app.example/confirm?code={####}" }, byLink);
    await sendCode(ownLink.services, ownLink.pool, ownLink.user, email, "222222", "SignUp", { clientId: "client1" });
    expect(ownLink.services.outbox.list()[0].message).toBe("Go to https://app.example/confirm?code=222222");
  });

  it("needs both the username and the temporary password in an invitation", async () => {
    const { services, pool, user } = withCustomMessage({ emailMessage: "Password: {####}", smsMessage: "{username} / {####}" });
    await sendInvitation(services, pool, withAttributes(user, { ...user.Attributes, phone_number: "+15555550100" }), "Temp0rary!", ["EMAIL", "SMS"]);
    expect(services.outbox.list().map((m) => m.message)).toEqual(["Your username is alice and temporary password is Temp0rary!.", "alice / Temp0rary!"]);
  });
});

describe("where codes go", () => {
  it("sends sign-up codes by SMS when the pool verifies phone numbers, else by email, else not at all", () => {
    const { pool } = testbed();
    const both = { email: "a@example.com", phone_number: "+15555550100" };
    expect(signUpDestination({ ...pool, AutoVerifiedAttributes: ["email", "phone_number"] }, both)).toEqual({ attribute: "phone_number", value: "+15555550100" });
    expect(signUpDestination({ ...pool, AutoVerifiedAttributes: ["email"] }, both)).toEqual({ attribute: "email", value: "a@example.com" });
    expect(signUpDestination({ ...pool, AutoVerifiedAttributes: ["email", "phone_number"] }, { email: "a@example.com" })).toEqual({ attribute: "email", value: "a@example.com" });
    expect(signUpDestination(pool, both)).toBeUndefined();
  });

  it("recovers through a verified phone number before a verified email without an AccountRecoverySetting", () => {
    const { pool, user } = testbed();
    const contacts = { email: "a@example.com", phone_number: "+15555550100" };
    expect(recoveryDestination(pool, withAttributes(user, { ...contacts, email_verified: "true", phone_number_verified: "true" }))).toEqual({ attribute: "phone_number", value: "+15555550100" });
    expect(recoveryDestination(pool, withAttributes(user, { ...contacts, email_verified: "true", phone_number_verified: "false" }))).toEqual({ attribute: "email", value: "a@example.com" });
    expect(recoveryDestination(pool, withAttributes(user, contacts))).toBeUndefined();
  });

  it("follows the AccountRecoverySetting's priorities, skipping a contact used for MFA", () => {
    const { pool, user } = testbed();
    const verified = withAttributes(user, { email: "a@example.com", email_verified: "true", phone_number: "+15555550100", phone_number_verified: "true" });
    const emailFirst: PoolRecord = {
      ...pool,
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_phone_number", Priority: 2 }, { Name: "verified_email", Priority: 1 }] },
    };
    expect(recoveryDestination(emailFirst, verified)).toEqual({ attribute: "email", value: "a@example.com" });
    expect(recoveryDestination(emailFirst, { ...verified, UserMFASettingList: ["EMAIL_OTP"] })).toEqual({ attribute: "phone_number", value: "+15555550100" });
    const phoneOnly: PoolRecord = { ...pool, AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_phone_number", Priority: 1 }] } };
    expect(recoveryDestination(phoneOnly, { ...verified, UserMFASettingList: ["SMS_MFA"] })).toBeUndefined();
    const adminOnly: PoolRecord = { ...pool, AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] } };
    expect(recoveryDestination(adminOnly, verified)).toBe("admin_only");
  });

  it("simulates a delivery shaped like the name given, the same every time", () => {
    const { pool } = testbed();
    expect(simulatedDelivery(pool, "ghost@example.org")).toEqual({ Destination: "g***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    expect(simulatedDelivery(pool, "+15555550199")).toEqual({ Destination: "+*******0199", DeliveryMedium: "SMS", AttributeName: "phone_number" });
    expect(simulatedDelivery(pool, "ghost")).toEqual({ Destination: "g***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    const smsPool: PoolRecord = { ...pool, AutoVerifiedAttributes: ["phone_number"] };
    expect(simulatedDelivery(smsPool, "ghost")).toEqual(simulatedDelivery(smsPool, "ghost"));
    expect(simulatedDelivery(smsPool, "ghost").DeliveryMedium).toBe("SMS");
  });
});

describe("the link placeholder", () => {
  const asRegex = (text: string) => {
    const match = /\{##(.+?)##\}/s.exec(text);
    return match ? { start: match.index, end: match.index + match[0].length, text: match[1] } : undefined;
  };

  it("is found where the placeholder expression finds it, on every short combination of its parts", () => {
    const parts = ["{##", "##}", "{", "}", "#", "x", "\n"];
    let level = [""];
    const differing: string[] = [];
    for (let length = 1; length <= 6; length++) {
      const next: string[] = [];
      for (const prefix of level) {
        for (const part of parts) {
          const text = prefix + part;
          next.push(text);
          if (JSON.stringify(linkPlaceholder(text)) !== JSON.stringify(asRegex(text))) differing.push(text);
        }
      }
      level = next;
    }
    expect(differing.slice(0, 5)).toEqual([]);
    expect(linkPlaceholder("Click {##Verify Email##} now")).toEqual({ start: 6, end: 24, text: "Verify Email" });
  });

  it("in linear time on the longest template the model allows", () => {
    const templates = [`{####}${"{##x".repeat(4998)}`, "{##".repeat(6666)];
    const started = performance.now();
    const found = templates.map(linkPlaceholder);
    expect(performance.now() - started).toBeLessThan(50);
    expect(found).toEqual([undefined, undefined]);
  });
});
