/**
 * Every failure a client sees is a ServiceError: an AWS exception name and Cognito's message. The
 * protocols serialize it, with the HTTP status and fault the service model gives the exception;
 * `statusCode` is for the ones no model declares (STS's InvalidClientTokenId, a 413 body) and for
 * pages outside the APIs. Handlers and domain code only throw it.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = code;
  }
}

const named = (code: string, statusCode = 400) => (message: string) => new ServiceError(code, message, statusCode);

export const InvalidParameter = named("InvalidParameterException");
export const ResourceNotFound = named("ResourceNotFoundException");
export const NotAuthorized = named("NotAuthorizedException");
export const UserNotFound = named("UserNotFoundException");
export const UsernameExists = named("UsernameExistsException");
export const InvalidPassword = named("InvalidPasswordException");
export const UserNotConfirmed = named("UserNotConfirmedException");
export const PasswordResetRequired = named("PasswordResetRequiredException");
export const GroupExists = named("GroupExistsException");
export const AliasExists = named("AliasExistsException");
export const CodeMismatch = named("CodeMismatchException");
export const ExpiredCode = named("ExpiredCodeException");
export const LimitExceeded = named("LimitExceededException");
export const TooManyRequests = named("TooManyRequestsException");
export const TooManyFailedAttempts = named("TooManyFailedAttemptsException");
export const UnsupportedOperation = named("UnsupportedOperationException");
export const InvalidUserPoolConfiguration = named("InvalidUserPoolConfigurationException");
export const InvalidOAuthFlow = named("InvalidOAuthFlowException");
export const ScopeDoesNotExist = named("ScopeDoesNotExistException");
export const FeatureUnavailableInTier = named("FeatureUnavailableInTierException");
export const SoftwareTokenMfaNotFound = named("SoftwareTokenMFANotFoundException");
export const EnableSoftwareTokenMfa = named("EnableSoftwareTokenMFAException");
export const UserPoolAddOnNotEnabled = named("UserPoolAddOnNotEnabledException");
export const InternalError = named("InternalErrorException");

// Lambda triggers: the function threw, could not be run, or answered something Cognito cannot use.
export const UserLambdaValidation = named("UserLambdaValidationException");
export const UnexpectedLambda = named("UnexpectedLambdaException");
export const InvalidLambdaResponse = named("InvalidLambdaResponseException");

/** A startup problem the user must fix (bad fixture, port in use): reported as one line, exit non-zero. */
export class StartupError extends Error {}

/** The AWS "1 validation error detected" sentence for one or more constraint failures. */
export function validationMessage(failures: string[]): string {
  const count = failures.length;
  return `${count} validation error${count === 1 ? "" : "s"} detected: ${failures.join("; ")}`;
}

// Identity pools and STS.
export const ResourceConflict = named("ResourceConflictException");
export const InvalidIdentityPoolConfiguration = named("InvalidIdentityPoolConfigurationException");
export const DeveloperUserAlreadyRegistered = named("DeveloperUserAlreadyRegisteredException");
// STS's common errors are in no service model: their statuses are AWS's.
/** STS: a request signed with credentials the emulator never issued. */
export const InvalidClientTokenId = named("InvalidClientTokenId", 403);
/** STS: a request signed with credentials that have expired. */
export const ExpiredToken = named("ExpiredToken", 403);
export const AccessDenied = named("AccessDenied", 403);
/** STS AssumeRoleWithWebIdentity: a web identity token that is not acceptable. */
export const InvalidIdentityToken = named("InvalidIdentityToken");
/** STS AssumeRoleWithWebIdentity: a web identity token past its `exp`. */
export const ExpiredTokenException = named("ExpiredTokenException");
