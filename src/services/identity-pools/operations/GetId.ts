import type { GetIdInput, GetIdResponse } from "@aws-sdk/client-cognito-identity";
import { NotAuthorized } from "../../../errors";
import { operation } from "../../operation";
import { createIdentity, settleIdentity } from "../identities";
import { MESSAGES, verifyLogins } from "../logins";
import { requireIdentityPool } from "../pools";

/** A new guest identity each call without logins; with logins, the identity they belong to (made, linked or merged). */
export default operation<GetIdInput, GetIdResponse>(async (input, ctx) => {
  const { services } = ctx;
  const pool = requireIdentityPool(services, input.IdentityPoolId!);
  const logins = input.Logins ?? {};
  if (Object.keys(logins).length === 0) {
    if (!pool.AllowUnauthenticatedIdentities) throw NotAuthorized(MESSAGES.unauthenticatedNotSupported);
    return { IdentityId: createIdentity(services, pool).IdentityId };
  }
  const verified = await verifyLogins(services, pool, logins);
  const identity = settleIdentity(services, pool, undefined, verified.map((l) => ({ Provider: l.provider, Subject: l.subject })));
  return { IdentityId: identity.IdentityId };
});
