import type { Services } from "../services/services";
import type { PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import { eventUserAttributes, optionalMaps, triggerEvent } from "./event";
import { configuredFunction } from "./functions";
import { invokeTrigger } from "./invoke";
import type { PostConfirmationSource, StringMap } from "./types";

export interface PostConfirmationInput {
  source: PostConfirmationSource;
  /** The user as confirmed (status CONFIRMED). */
  user: UserRecord;
  clientId?: string;
  clientMetadata?: StringMap;
}

/** PostConfirmation_<source>, after the confirmation is written; a throwing function fails the request. */
export async function runPostConfirmation(services: Services, pool: PoolRecord, input: PostConfirmationInput): Promise<void> {
  const reference = configuredFunction(pool, "PostConfirmation");
  if (!reference) return;
  const event = triggerEvent(
    { pool, triggerSource: `PostConfirmation_${input.source}`, userName: input.user.Username, clientId: input.clientId },
    { userAttributes: eventUserAttributes(pool, input.user), ...optionalMaps({ clientMetadata: input.clientMetadata }) },
    {},
  );
  await invokeTrigger(services, pool, "PostConfirmation", reference, event);
}
