import { ServiceError } from "../../errors";
import { models } from "../../protocol/model";

/** An STS exception by its wire code; the protocol answers it with the HTTP status its error shape declares. */
function stsError(shapeName: string) {
  const code = models.sts.shapes[shapeName]?.error?.code ?? shapeName;
  return (message: string) => new ServiceError(code, message);
}

export const InvalidAuthorizationMessage = stsError("InvalidAuthorizationMessageException");
export const SessionDurationEscalation = stsError("SessionDurationEscalationException");
/** STS's input errors (as the protocol's own validation names them). */
export const ValidationError = (message: string) => new ServiceError("ValidationError", message);
/** AssumeRoleWithSAML / WithWebIdentity: the identity provider reported that authentication failed. */
export const IDPRejectedClaim = stsError("IDPRejectedClaimException");
