import type { Services } from "../services/services";
import type { ClientRecord, PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import { eventUserAttributes, optionalMaps, triggerEvent } from "./event";
import { configuredFunction } from "./functions";
import { invokeTrigger } from "./invoke";
import type { StringMap } from "./types";

/** Cognito tells functions whether the user exists only to clients that hide it from callers. */
export function userNotFoundField(client: ClientRecord, user: UserRecord | undefined): { userNotFound?: boolean } {
  return client.PreventUserExistenceErrors === "ENABLED" ? { userNotFound: !user } : {};
}

export interface PreAuthenticationInput {
  /** Undefined when no such user exists (the function is then told so, for clients that hide it). */
  user?: UserRecord;
  userName: string;
  /** The ClientMetadata of InitiateAuth / AdminInitiateAuth. */
  validationData?: StringMap;
}

/** PreAuthentication_Authentication, before the password (or challenge) is checked: a throwing function refuses the sign-in. */
export async function runPreAuthentication(services: Services, pool: PoolRecord, client: ClientRecord, input: PreAuthenticationInput): Promise<void> {
  const reference = configuredFunction(pool, "PreAuthentication");
  if (!reference) return;
  const event = triggerEvent(
    { pool, triggerSource: "PreAuthentication_Authentication", userName: input.user?.Username ?? input.userName, clientId: client.ClientId },
    {
      userAttributes: input.user ? eventUserAttributes(pool, input.user) : {},
      ...optionalMaps({ validationData: input.validationData }),
      ...userNotFoundField(client, input.user),
    },
    {},
  );
  await invokeTrigger(services, pool, "PreAuthentication", reference, event);
}

export interface PostAuthenticationInput {
  user: UserRecord;
  /** The user signed in from a device the pool had not seen (pools that remember devices). */
  newDeviceUsed: boolean;
  clientMetadata?: StringMap;
}

/** PostAuthentication_Authentication, once every challenge is passed and before tokens are issued. */
export async function runPostAuthentication(services: Services, pool: PoolRecord, client: ClientRecord, input: PostAuthenticationInput): Promise<void> {
  const reference = configuredFunction(pool, "PostAuthentication");
  if (!reference) return;
  const event = triggerEvent(
    { pool, triggerSource: "PostAuthentication_Authentication", userName: input.user.Username, clientId: client.ClientId },
    { userAttributes: eventUserAttributes(pool, input.user), newDeviceUsed: input.newDeviceUsed, ...optionalMaps({ clientMetadata: input.clientMetadata }) },
    {},
  );
  await invokeTrigger(services, pool, "PostAuthentication", reference, event);
}
