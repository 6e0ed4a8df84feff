import { ServiceError } from "../../errors";
import { models } from "../../protocol/model";

/** An STS exception by its wire code, with the HTTP status its error shape declares. */
function stsError(shapeName: string) {
  const error = models.sts.shapes[shapeName]?.error;
  const code = error?.code ?? shapeName;
  const status = error?.httpStatusCode ?? 400;
  return (message: string) => new ServiceError(code, message, status);
}

export const InvalidAuthorizationMessage = stsError("InvalidAuthorizationMessageException");
export const SessionDurationEscalation = stsError("SessionDurationEscalationException");
/** STS's input errors (as the protocol's own validation names them). */
export const ValidationError = (message: string) => new ServiceError("ValidationError", message);
/** AssumeRoleWithSAML / WithWebIdentity: the identity provider reported that authentication failed. */
export const IDPRejectedClaim = stsError("IDPRejectedClaimException");
