import type { Request, Response } from "express";
import type { Services } from "../services/services";
import { OPENID, scopeReleases } from "./scopes";

const BAD_REQUEST = { error: "invalid_request", error_description: "Bad OAuth2 request at UserInfo Endpoint" };
const BAD_TOKEN = {
  error: "invalid_token",
  error_description: "Access token is expired, disabled, or deleted, or the user has globally signed out.",
};

/**
 * GET/POST /oauth2/userInfo: the user's attributes that the access token's scopes release, values as
 * strings (Cognito answers `"email_verified": "true"`). Only access tokens with `openid` are accepted.
 */
export function userInfo(services: Services, req: Request, res: Response): { poolId?: string; username?: string; outcome: string } {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return refuse(res, 400, BAD_REQUEST);
  const check = services.tokens.checkToken(match[1], "access");
  if (!check.ok) return refuse(res, 401, BAD_TOKEN);
  const scopes = typeof check.claims.scope === "string" ? check.claims.scope.split(" ") : [];
  if (!scopes.includes(OPENID)) return refuse(res, 401, BAD_TOKEN);
  const user = services.tables.userBySub(check.poolId, String(check.claims.sub));
  if (!user?.Enabled) return refuse(res, 401, BAD_TOKEN);
  const client = services.tables.clients.get(String(check.claims.client_id));
  const readable = client?.ReadAttributes?.length ? new Set(client.ReadAttributes) : undefined;

  const body: Record<string, string> = { sub: user.Sub };
  for (const [name, value] of Object.entries(user.Attributes)) {
    if (name.startsWith("dev:") || (readable && !readable.has(name))) continue;
    if (scopeReleases(scopes, name)) body[name] = value;
  }
  body.username = user.Username;
  res.set("cache-control", "no-store").type("application/json;charset=UTF-8").send(JSON.stringify(body));
  return { poolId: check.poolId, username: user.Username, outcome: "ok" };
}

function refuse(res: Response, status: number, body: { error: string; error_description: string }) {
  res
    .status(status)
    .set("www-authenticate", `error="${body.error}", error_description="${body.error_description}"`)
    .json(body);
  return { outcome: body.error };
}
