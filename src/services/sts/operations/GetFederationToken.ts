import type { GetFederationTokenRequest, GetFederationTokenResponse } from "@aws-sdk/client-sts";
import { AccessDenied } from "../../../errors";
import { operation } from "../../operation";
import { callerOf, isRootUser, issueCredentials } from "../sessions";

const DEFAULT_DURATION_SECONDS = 43_200;
/** Sessions of the root user last at most an hour. */
const ROOT_MAX_DURATION_SECONDS = 3600;

/** Federated-user credentials for a long-term caller (session policies are accepted and not enforced). */
export default operation<GetFederationTokenRequest, GetFederationTokenResponse>((input, ctx) => {
  const { principal, session } = callerOf(ctx);
  if (session) throw AccessDenied("Cannot call GetFederationToken with session credentials");
  const requested = input.DurationSeconds ?? DEFAULT_DURATION_SECONDS;
  const duration = isRootUser(principal) ? Math.min(requested, ROOT_MAX_DURATION_SECONDS) : requested;
  const federatedUser = { FederatedUserId: `${principal.Account}:${input.Name}`, Arn: `arn:aws:sts::${principal.Account}:federated-user/${input.Name}` };
  const credentials = issueCredentials(ctx.services, { Account: principal.Account, Arn: federatedUser.Arn, UserId: federatedUser.FederatedUserId }, duration);
  return { Credentials: credentials, FederatedUser: federatedUser };
});
