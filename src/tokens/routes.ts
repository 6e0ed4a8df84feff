import { Router, type Request, type Response } from "express";
import type { TokenService } from "./service";

/** Where the routes learn which pools exist. */
export interface KnownPools {
  pools: { has(poolId: string): boolean };
}

/** `/<poolId>/.well-known/jwks.json` and `/<poolId>/.well-known/openid-configuration`, as Cognito serves them. */
export function tokenRoutes(tokens: TokenService, tables: KnownPools, issuerFor: (poolId: string) => string): Router {
  const router = Router();

  const poolOr404 = (req: Request<{ poolId: string }>, res: Response): string | undefined => {
    const { poolId } = req.params;
    if (tables.pools.has(poolId)) return poolId;
    res.status(404).json({ message: `User pool ${poolId} does not exist.` });
    return undefined;
  };

  router.get("/:poolId/.well-known/jwks.json", async (req: Request<{ poolId: string }>, res) => {
    const poolId = poolOr404(req, res);
    if (poolId) res.json(await tokens.jwks(poolId));
  });

  router.get("/:poolId/.well-known/openid-configuration", (req: Request<{ poolId: string }>, res) => {
    const poolId = poolOr404(req, res);
    if (!poolId) return;
    // The issuer may name AWS (--issuer aws), but every URL a client fetches must reach this emulator.
    const base = `${req.protocol}://${req.get("host")}`;
    res.json({
      authorization_endpoint: `${base}/oauth2/authorize`,
      end_session_endpoint: `${base}/logout`,
      id_token_signing_alg_values_supported: ["RS256"],
      issuer: issuerFor(poolId),
      jwks_uri: `${base}/${poolId}/.well-known/jwks.json`,
      response_types_supported: ["code", "token"],
      revocation_endpoint: `${base}/oauth2/revoke`,
      scopes_supported: ["openid", "email", "phone", "profile"],
      subject_types_supported: ["public"],
      token_endpoint: `${base}/oauth2/token`,
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      userinfo_endpoint: `${base}/oauth2/userInfo`,
    });
  });

  return router;
}
