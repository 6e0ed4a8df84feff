import { ServiceError } from "../../errors";

/**
 * A Cognito Sync exception; the protocol answers it with the HTTP status its error shape declares (404
 * ResourceNotFound, 409 ResourceConflict, 403 NotAuthorized, ...), which restJson clients read too.
 */
function syncError(code: string) {
  return (message: string) => new ServiceError(code, message);
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
