import type { GetSessionTokenRequest, GetSessionTokenResponse } from "@aws-sdk/client-sts";
import { AccessDenied } from "../../../errors";
import { operation } from "../../operation";
import { callerOf, issueCredentials } from "../sessions";

const DEFAULT_DURATION_SECONDS = 43_200;

/** Temporary credentials acting as the long-term caller; session credentials cannot ask for more. */
export default operation<GetSessionTokenRequest, GetSessionTokenResponse>((input, ctx) => {
  const { principal, session } = callerOf(ctx);
  if (session) throw AccessDenied("Cannot call GetSessionToken with session credentials");
  const credentials = issueCredentials(
    ctx.services,
    { Account: principal.Account, Arn: principal.Arn, UserId: principal.UserId },
    input.DurationSeconds ?? DEFAULT_DURATION_SECONDS,
  );
  return { Credentials: credentials };
});
