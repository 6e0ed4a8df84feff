import { ServiceError } from "../../errors";
import { models } from "../../protocol/model";

/**
 * A Cognito Sync exception with the HTTP status its error shape declares (404 ResourceNotFound, 409
 * ResourceConflict, 403 NotAuthorized, ...): restJson clients read the status as well as the name.
 */
function syncError(code: string) {
  const status = models["cognito-sync"].shapes[code]?.error?.httpStatusCode ?? 400;
  return (message: string) => new ServiceError(code, message, status);
}

export const InvalidParameter = syncError("InvalidParameterException");
export const ResourceNotFound = syncError("ResourceNotFoundException");
export const ResourceConflict = syncError("ResourceConflictException");
export const NotAuthorized = syncError("NotAuthorizedException");
export const LimitExceeded = syncError("LimitExceededException");
export const InvalidConfiguration = syncError("InvalidConfigurationException");
export const DuplicateRequest = syncError("DuplicateRequestException");
export const AlreadyStreamed = syncError("AlreadyStreamedException");

// Cognito Events (the SyncTrigger function of UpdateRecords).
export const InvalidLambdaFunctionOutput = syncError("InvalidLambdaFunctionOutputException");
export const LambdaThrottled = syncError("LambdaThrottledException");
/** Not in the current service model; the older model and the API reference give it HTTP 400. */
export const LambdaSocketTimeout = syncError("LambdaSocketTimeoutException");
