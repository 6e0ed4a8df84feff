import { Router } from "express";
import type { Services } from "../services";
import { OPENID_ISSUER, openIdJwks } from "./openid";

/**
 * Where Cognito Identity publishes the keys of its OpenID tokens (https://cognito-identity.amazonaws.com/.well-known/jwks_uri),
 * served at the same path of the emulator, with the discovery document that points to it.
 */
export function identityPoolRoutes(services: Services): Router {
  const router = Router();

  router.get("/.well-known/jwks_uri", async (_req, res, next) => {
    try {
      res.json(await openIdJwks(services));
    } catch (error) {
      next(error);
    }
  });

  router.get("/.well-known/openid-configuration", (req, res) => {
    const base = `${req.protocol}://${req.get("host")}`;
    res.json({
      issuer: OPENID_ISSUER,
      jwks_uri: `${base}/.well-known/jwks_uri`,
      response_types_supported: ["code", "token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS512"],
      claims_supported: ["sub", "aud", "amr", "iss", "exp", "iat"],
    });
  });

  return router;
}
