import { Router } from "express";
import type { Services } from "../services";
import { OUTBOUND_ALGORITHMS, outboundIssuer, outboundJwks } from "./outbound-tokens";

/**
 * OIDC discovery for GetWebIdentityToken's tokens, at the issuer's `/.well-known/` paths, so services
 * under test can verify them as they would AWS's.
 */
export function stsRoutes(services: Services): Router {
  const router = Router();
  router.get("/sts/:account/.well-known/openid-configuration", (req, res) => {
    const issuer = outboundIssuer(services, req.params.account);
    res.json({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: [...OUTBOUND_ALGORITHMS],
    });
  });
  router.get("/sts/:account/.well-known/jwks.json", (_req, res) => {
    res.json(outboundJwks(services));
  });
  return router;
}
