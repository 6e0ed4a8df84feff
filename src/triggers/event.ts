import { isTrue } from "../services/user-pools/directory/attributes";
import type { PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import type { StringMap, TriggerEvent } from "./types";

/** What Cognito puts in callerContext.clientId when no app client is involved (AdminCreateUser, for one). */
export const NO_CLIENT_ID = "CLIENT_ID_NOT_APPLICABLE";
/** Cognito reports the caller's SDK from its user agent; the emulator's triggers do not see it. */
const UNKNOWN_SDK = "aws-sdk-unknown-unknown";

export interface EventEnvelope {
  pool: PoolRecord;
  triggerSource: string;
  userName: string;
  clientId?: string;
  /** "1" for every trigger but pre token generation V2_0 ("2") and V3_0 ("3"). */
  version?: string;
}

export function triggerEvent<Request, Response>(envelope: EventEnvelope, request: Request, response: Response): TriggerEvent<Request, Response> {
  return {
    version: envelope.version ?? "1",
    triggerSource: envelope.triggerSource,
    region: envelope.pool.Region,
    userPoolId: envelope.pool.Id,
    userName: envelope.userName,
    callerContext: { awsSdkVersion: UNKNOWN_SDK, clientId: envelope.clientId ?? NO_CLIENT_ID },
    request,
    response,
  };
}

/**
 * A user's attributes as Cognito hands them to triggers: `sub`, the user's status, every stored
 * attribute, and `cognito:<attribute>_alias` for an email or phone number the user can sign in with.
 */
export function eventUserAttributes(pool: PoolRecord, user: UserRecord): StringMap {
  const attributes: StringMap = { sub: user.Sub, "cognito:user_status": user.UserStatus, ...user.Attributes };
  for (const name of ["email", "phone_number"] as const) {
    const value = user.Attributes[name];
    if (value && signsInWith(pool, user, name)) attributes[`cognito:${name}_alias`] = value;
  }
  return attributes;
}

function signsInWith(pool: PoolRecord, user: UserRecord, attribute: "email" | "phone_number"): boolean {
  if (pool.UsernameAttributes?.includes(attribute)) return true;
  return (pool.AliasAttributes ?? []).includes(attribute) && isTrue(user.Attributes[`${attribute}_verified`]);
}

/** `clientMetadata` (and `validationData`) appear in a request only when the API call carried them. */
export function optionalMaps(maps: Record<string, StringMap | undefined>): Record<string, StringMap> {
  const present: Record<string, StringMap> = {};
  for (const [name, value] of Object.entries(maps)) if (value) present[name] = value;
  return present;
}

/** The `[{Name, Value}]` lists of the API (ValidationData, for one) as the map triggers receive. */
export function attributeMap(list: ReadonlyArray<{ Name?: string; Value?: string }> | undefined): StringMap | undefined {
  if (!list) return undefined;
  const map: StringMap = {};
  for (const { Name, Value } of list) if (Name) map[Name] = Value ?? "";
  return map;
}
