import type { GetCallerIdentityRequest, GetCallerIdentityResponse } from "@aws-sdk/client-sts";
import { operation } from "../../operation";
import { requireSession } from "../sessions";

/** Who the request's credentials act as; only credentials the emulator issued are known to it. */
export default operation<GetCallerIdentityRequest, GetCallerIdentityResponse>((_input, ctx) => {
  const { UserId, Account, Arn } = requireSession(ctx);
  return { UserId, Account, Arn };
});
