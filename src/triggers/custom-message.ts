import type { Services } from "../services/services";
import type { PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import { eventUserAttributes, optionalMaps, triggerEvent } from "./event";
import { configuredFunction } from "./functions";
import { invokeTrigger } from "./invoke";
import { optionalString, responseOf } from "./response";
import type { CustomMessageSource, StringMap } from "./types";

/** The placeholders Cognito hands the function and then fills in whatever message it returns. */
export const CODE_PARAMETER = "{####}";
export const USERNAME_PARAMETER = "{username}";
export const LINK_PARAMETER = "{##Click Here##}";

export interface CustomMessageInput {
  source: CustomMessageSource;
  user: UserRecord;
  clientId?: string;
  clientMetadata?: StringMap;
}

/** The function's replacements; a field it left null keeps the pool's own template. */
export interface CustomMessage {
  smsMessage?: string;
  emailMessage?: string;
  emailSubject?: string;
}

/**
 * CustomMessage_<source>, before a code, link or temporary password is sent. The returned messages
 * still hold the placeholders ({####}, {username}, {##Click Here##}): the sender fills them as it
 * fills its templates. Undefined when the pool has no such trigger.
 */
export async function runCustomMessage(services: Services, pool: PoolRecord, input: CustomMessageInput): Promise<CustomMessage | undefined> {
  const reference = configuredFunction(pool, "CustomMessage");
  if (!reference) return undefined;
  const event = triggerEvent(
    { pool, triggerSource: `CustomMessage_${input.source}`, userName: input.user.Username, clientId: input.clientId },
    {
      userAttributes: eventUserAttributes(pool, input.user),
      codeParameter: CODE_PARAMETER,
      linkParameter: LINK_PARAMETER,
      // Only the invitation carries the username; other messages are sent to a user who knows it.
      usernameParameter: input.source === "AdminCreateUser" ? USERNAME_PARAMETER : null,
      ...optionalMaps({ clientMetadata: input.clientMetadata }),
    },
    { smsMessage: null, emailMessage: null, emailSubject: null },
  );
  const response = responseOf(await invokeTrigger(services, pool, "CustomMessage", reference, event));
  const message: CustomMessage = {};
  const smsMessage = optionalString(response.smsMessage);
  const emailMessage = optionalString(response.emailMessage);
  const emailSubject = optionalString(response.emailSubject);
  if (smsMessage !== undefined) message.smsMessage = smsMessage;
  if (emailMessage !== undefined) message.emailMessage = emailMessage;
  if (emailSubject !== undefined) message.emailSubject = emailSubject;
  return message;
}
