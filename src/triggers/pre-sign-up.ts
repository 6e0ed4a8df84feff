import type { Services } from "../services/services";
import type { PoolRecord } from "../services/user-pools/directory/records";
import { optionalMaps, triggerEvent } from "./event";
import { configuredFunction } from "./functions";
import { invokeTrigger } from "./invoke";
import { flag, responseOf } from "./response";
import type { PreSignUpSource, StringMap } from "./types";

export interface PreSignUpInput {
  source: PreSignUpSource;
  /** The username the user will have. */
  userName: string;
  /** The attributes the request gives the new user. */
  userAttributes: StringMap;
  /** Absent for AdminCreateUser, which involves no app client. */
  clientId?: string;
  validationData?: StringMap;
  clientMetadata?: StringMap;
}

export interface PreSignUpResult {
  autoConfirmUser: boolean;
  autoVerifyEmail: boolean;
  autoVerifyPhone: boolean;
}

const DEFAULTS: PreSignUpResult = { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };

/**
 * PreSignUp_<source>, before the user exists: a throwing function stops the sign-up. Cognito ignores
 * the response's flags for AdminCreateUser, so they come back false for that source.
 */
export async function runPreSignUp(services: Services, pool: PoolRecord, input: PreSignUpInput): Promise<PreSignUpResult> {
  const reference = configuredFunction(pool, "PreSignUp");
  if (!reference) return DEFAULTS;
  const event = triggerEvent(
    { pool, triggerSource: `PreSignUp_${input.source}`, userName: input.userName, clientId: input.clientId },
    { userAttributes: input.userAttributes, ...optionalMaps({ validationData: input.validationData, clientMetadata: input.clientMetadata }) },
    { ...DEFAULTS },
  );
  const response = responseOf(await invokeTrigger(services, pool, "PreSignUp", reference, event));
  if (input.source === "AdminCreateUser") return DEFAULTS;
  return {
    autoConfirmUser: flag(response.autoConfirmUser),
    autoVerifyEmail: flag(response.autoVerifyEmail),
    autoVerifyPhone: flag(response.autoVerifyPhone),
  };
}
