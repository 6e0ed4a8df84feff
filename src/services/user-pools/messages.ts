import type { DeliveryMediumType } from "@aws-sdk/client-cognito-identity-provider";
import type { Services } from "../services";
import type { PoolRecord, UserRecord } from "./records";

const DEFAULT_INVITE = {
  subject: "Your temporary password",
  message: "Your username is {username} and temporary password is {####}.",
};

function fill(template: string, username: string, code: string): string {
  return template.replaceAll("{username}", username).replaceAll("{####}", code);
}

/** AdminCreateUser's invitation, by each desired medium the user has an address for (SMS by default). */
export function sendInvitation(services: Services, pool: PoolRecord, user: UserRecord, temporaryPassword: string, mediums: DeliveryMediumType[] | undefined): void {
  const template = pool.AdminCreateUserConfig?.InviteMessageTemplate ?? {};
  const displayName = user.Username;
  for (const medium of mediums?.length ? mediums : ["SMS" as DeliveryMediumType]) {
    const destination = medium === "EMAIL" ? user.Attributes.email : user.Attributes.phone_number;
    if (!destination) continue;
    services.outbox.send({
      userPoolId: pool.Id,
      username: user.Username,
      destination,
      deliveryMedium: medium === "EMAIL" ? "EMAIL" : "SMS",
      code: temporaryPassword,
      subject: medium === "EMAIL" ? (template.EmailSubject ?? DEFAULT_INVITE.subject) : undefined,
      message: fill(medium === "EMAIL" ? (template.EmailMessage ?? DEFAULT_INVITE.message) : (template.SMSMessage ?? DEFAULT_INVITE.message), displayName, temporaryPassword),
      reason: "AdminCreateUser",
    });
  }
}
