import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import jwt from "jsonwebtoken";

export interface OidcUser {
  sub: string;
  [claim: string]: unknown;
}

export interface OidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next authorization request (a test can swap users between sign-ins). */
  user: OidcUser;
  /** Requests the provider answered, for assertions. */
  seen: { authorize: Array<Record<string, string>>; token: Array<Record<string, string>>; userinfo: number };
  stop(): Promise<void>;
}

/**
 * A small OpenID Connect provider on loopback, for federation tests: discovery, a sign-in page with one
 * button, the code grant with client_secret_basic, RS256 ID tokens, JWKS and userInfo.
 */
export async function startOidcProvider(options: { user: OidcUser; userinfo?: Record<string, unknown> }): Promise<OidcProvider> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomUUID();
  const clientId = "test-oidc-client";
  const clientSecret = randomBytes(16).toString("hex");
  const codes = new Map<string, { nonce?: string; redirectUri: string; user: OidcUser }>();
  const accessTokens = new Map<string, OidcUser>();
  const app = express();
  let issuer = "";
  const provider: OidcProvider = {
    get issuer() {
      return issuer;
    },
    clientId,
    clientSecret,
    user: options.user,
    seen: { authorize: [], token: [], userinfo: 0 },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  } as OidcProvider;

  app.get("/.well-known/openid-configuration", (_req, res) => {
    res.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic"],
    });
  });
  app.get("/jwks", (_req, res) => void res.json({ keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] }));

  app.get("/authorize", (req, res) => {
    const query = req.query as Record<string, string>;
    provider.seen.authorize.push(query);
    if (query.client_id !== clientId || query.response_type !== "code") return void res.status(400).send("bad authorization request");
    const fields = ["redirect_uri", "state", "nonce"].map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query[name] ?? "")}">`).join("");
    res.type("html").send(`<!doctype html><title>Test OIDC provider</title><h1>Test OIDC provider</h1>
<form method="post" action="/authorize">${fields}<p>Signing in as ${escapeHtml(String(provider.user.email ?? provider.user.sub))}</p><button type="submit">Approve</button></form>`);
  });
  app.post("/authorize", express.urlencoded({ extended: false }), (req, res) => {
    const { redirect_uri: redirectUri, state, nonce } = req.body as Record<string, string>;
    const code = randomBytes(16).toString("hex");
    codes.set(code, { nonce, redirectUri, user: provider.user });
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    target.searchParams.set("state", state);
    res.redirect(302, target.toString());
  });

  app.post("/token", express.urlencoded({ extended: false }), (req, res) => {
    const form = req.body as Record<string, string>;
    provider.seen.token.push(form);
    const basic = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
    if (basic !== `${clientId}:${clientSecret}`) return void res.status(401).json({ error: "invalid_client" });
    const grant = codes.get(form.code);
    codes.delete(form.code);
    if (!grant || grant.redirectUri !== form.redirect_uri) return void res.status(400).json({ error: "invalid_grant" });
    const now = Math.floor(Date.now() / 1000);
    const accessToken = randomBytes(24).toString("hex");
    accessTokens.set(accessToken, grant.user);
    const idToken = jwt.sign({ ...grant.user, nonce: grant.nonce, iat: now, exp: now + 300 }, privateKey, { algorithm: "RS256", keyid: kid, issuer, audience: clientId });
    res.json({ access_token: accessToken, id_token: idToken, token_type: "Bearer", expires_in: 300 });
  });

  app.get("/userinfo", (req, res) => {
    provider.seen.userinfo++;
    const user = accessTokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
    if (!user) return void res.status(401).json({ error: "invalid_token" });
    res.json({ ...user, ...options.userinfo });
  });

  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return provider;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
