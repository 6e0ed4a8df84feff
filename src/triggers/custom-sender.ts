import { ServiceError } from "../errors";
import type { Services } from "../services/services";
import type { PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import { eventUserAttributes, optionalMaps, triggerEvent } from "./event";
import { configuredFunction } from "./functions";
import { invokeTrigger } from "./invoke";
import { encryptSenderCode } from "./sender-code";
import type { CustomSenderSource, StringMap } from "./types";

export interface CustomSenderInput {
  medium: "EMAIL" | "SMS";
  source: CustomSenderSource;
  user: UserRecord;
  /** The code, or the temporary password for AdminCreateUser; encrypted before the function sees it. */
  code: string;
  clientId?: string;
  clientMetadata?: StringMap;
}

/**
 * Hands a message to the pool's CustomEmailSender / CustomSMSSender instead of sending it. Returns false
 * when the pool has no sender for the medium (the caller sends as usual). Cognito calls senders
 * asynchronously, so a failing sender never fails the request: it is logged. The call is still awaited,
 * so a test sees the function's effects as soon as the request returns.
 */
export async function sendWithCustomSender(services: Services, pool: PoolRecord, input: CustomSenderInput): Promise<boolean> {
  const trigger = input.medium === "EMAIL" ? "CustomEmailSender" : "CustomSMSSender";
  const reference = configuredFunction(pool, trigger);
  if (!reference) return false;
  const event = triggerEvent(
    { pool, triggerSource: `${trigger}_${input.source}`, userName: input.user.Username, clientId: input.clientId },
    {
      type: input.medium === "EMAIL" ? "customEmailSenderRequestV1" : "customSMSSenderRequestV1",
      code: encryptSenderCode(senderKeyId(pool), pool.Id, input.code),
      userAttributes: eventUserAttributes(pool, input.user),
      ...optionalMaps({ clientMetadata: input.clientMetadata }),
    },
    {},
  );
  try {
    await invokeTrigger(services, pool, trigger, reference, event);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    services.log.error(`${trigger} for ${input.user.Username}: ${error.message}`, { userPoolId: pool.Id });
  }
  return true;
}

/** Cognito requires KMSKeyID with a custom sender; pools without one get a key named after the pool. */
export function senderKeyId(pool: PoolRecord): string {
  return pool.LambdaConfig?.KMSKeyID ?? `alias/cognito-emu/${pool.Id}`;
}
