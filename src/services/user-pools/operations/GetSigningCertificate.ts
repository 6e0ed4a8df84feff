import type { GetSigningCertificateRequest, GetSigningCertificateResponse } from "@aws-sdk/client-cognito-identity-provider";
import { poolSigningCertificate } from "../../../tokens/certificate";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";

/** The pool's certificate for SAML request signing, over its ID-token key. */
export default operation<GetSigningCertificateRequest, GetSigningCertificateResponse>(async (input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const { idToken } = await ctx.services.tokens.keys.ensure(pool.Id);
  return { Certificate: poolSigningCertificate(pool, idToken) };
});
