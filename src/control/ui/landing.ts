import express, { type Request } from "express";
import type { ExampleLogin } from "../../fixtures/example-login";
import { identityPoolTables } from "../../services/identity-pools/tables";
import type { Services } from "../../services/services";
import { version } from "../../version";
import { LANDING_JS } from "./assets/landing-script";
import { PAGE_POLICY, UI_PATH } from "./paths";

/** The landing page lists this many pools; the console has them all. */
const LISTED_POOLS = 25;

/**
 * `GET /`: what is running here and how to use it. HTML for a browser; JSON for everything else
 * (curl, scripts). It names the example user's password, so it is guarded as the console is.
 */
export function landingRoutes(services: Services, exampleLogin: () => ExampleLogin | undefined): express.Router {
  const router = express.Router();
  router.get("/", (req, res) => {
    const info = landingInfo(services, exampleLogin(), originOf(req));
    res.set({ vary: "Accept", "cache-control": "no-store" });
    if (req.accepts(["json", "html"]) === "html") {
      res.set({ "content-type": "text/html; charset=utf-8", "content-security-policy": PAGE_POLICY }).send(landingHtml(info));
      return;
    }
    res.json(info);
  });
  router.get(`${UI_PATH}/landing.js`, (_req, res) => void res.type("text/javascript").set("cache-control", "no-store").send(LANDING_JS));
  return router;
}

/** The URL the caller reached the emulator by (a container's service name, say), so snippets work as pasted. */
function originOf(req: Request): string {
  return `${req.protocol}://${req.get("host")}`;
}

export type LandingInfo = ReturnType<typeof landingInfo>;

export function landingInfo(services: Services, example: ExampleLogin | undefined, url: string) {
  const { tables } = services;
  const pools = [...tables.pools.values()];
  const identityPools = [...identityPoolTables(services).pools.values()];
  return {
    name: "cognito-emu",
    version,
    url,
    region: services.options.region,
    console: `${url}${UI_PATH}/`,
    endpoints: {
      userPools: { url, header: "X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>" },
      identityPools: { url, header: "X-Amz-Target: AWSCognitoIdentityService.<Operation>" },
      sts: { url, body: "Action=<Operation>&Version=2011-06-15 (form-encoded)" },
      cognitoSync: `${url}/identitypools/`,
      oauth2: {
        authorize: `${url}/oauth2/authorize`,
        token: `${url}/oauth2/token`,
        userInfo: `${url}/oauth2/userInfo`,
        revoke: `${url}/oauth2/revoke`,
        logout: `${url}/logout`,
      },
      jwks: `${url}/<userPoolId>/.well-known/jwks.json`,
      openidConfiguration: `${url}/<userPoolId>/.well-known/openid-configuration`,
    },
    control: {
      health: `${url}/health`,
      messages: `${url}/_emu/messages?userPoolId=&username=`,
      clock: `${url}/_emu/clock`,
      reset: `${url}/_emu/reset`,
      state: `${url}/_emu/state`,
      tokens: `${url}/_emu/tokens`,
      stacks: `${url}/_emu/stacks`,
    },
    example: example ? { userPoolId: example.poolId, clientId: example.clientId, username: example.username, password: example.password } : null,
    userPoolCount: pools.length,
    userPools: pools.slice(0, LISTED_POOLS).map((pool) => ({
      Id: pool.Id,
      Name: pool.Name,
      issuer: services.issuerFor(pool.Id),
      jwksUri: `${url}/${pool.Id}/.well-known/jwks.json`,
      users: tables.users.countBy("byPool", pool.Id),
      clients: tables.clients.findBy("byPool", pool.Id).map((client) => ({ ClientId: client.ClientId, ClientName: client.ClientName })),
    })),
    identityPools: identityPools.slice(0, LISTED_POOLS).map((pool) => ({ IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: pool.IdentityPoolName })),
  };
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Every value from fixtures or the request reaches the page escaped. */
function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function landingHtml(info: LandingInfo): string {
  let ids = 0;
  const snippet = (title: string, language: string, code: string) => {
    const id = `snippet-${++ids}`;
    return `<div class="snippet"><div class="snippet-head"><span>${esc(title)}</span><span class="muted small">${esc(language)}</span><button type="button" class="copy" data-copy="${id}">Copy</button></div><pre id="${id}">${esc(code)}</pre></div>`;
  };
  const copyable = (value: string) => {
    const id = `value-${++ids}`;
    return `<code id="${id}">${esc(value)}</code> <button type="button" class="copy small-button" data-copy="${id}">Copy</button>`;
  };
  const { url, example } = info;
  const pool = example?.userPoolId ?? info.userPools[0]?.Id ?? "<userPoolId>";
  const poolInfo = info.userPools.find((p) => p.Id === pool);
  const clientId = example?.clientId ?? poolInfo?.clients[0]?.ClientId ?? "<clientId>";
  const username = example?.username ?? "<username>";
  const password = example?.password ?? "<password>";
  const region = pool.includes("_") ? pool.split("_")[0] : info.region;
  const issuer = poolInfo?.issuer ?? `${url}/${pool}`;

  const snippets = [
    snippet(
      "Sign in with the AWS CLI",
      "shell",
      `export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=${region}\n` +
        `aws cognito-idp initiate-auth --endpoint-url ${url} \\\n  --client-id ${clientId} --auth-flow USER_PASSWORD_AUTH \\\n  --auth-parameters 'USERNAME=${username},PASSWORD=${password}'`,
    ),
    snippet(
      "Sign in with the AWS SDK for JavaScript v3",
      "JavaScript",
      `import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";\n\n` +
        `const cognito = new CognitoIdentityProviderClient({\n  endpoint: "${url}",\n  region: "${region}",\n  credentials: { accessKeyId: "test", secretAccessKey: "test" },\n});\n` +
        `const { AuthenticationResult } = await cognito.send(new InitiateAuthCommand({\n  ClientId: "${clientId}",\n  AuthFlow: "USER_PASSWORD_AUTH",\n  AuthParameters: { USERNAME: "${username}", PASSWORD: "${password}" },\n}));`,
    ),
    snippet(
      "Or point every SDK at it through the environment",
      "shell",
      `export AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=${url}\nexport AWS_ENDPOINT_URL_COGNITO_IDENTITY=${url}`,
    ),
    snippet("Read the codes and invitations it “sent”", "shell", `curl -s '${url}/_emu/messages?username=${username}'`),
    snippet(
      "Mint tokens without signing in (add \"expiresInSeconds\": -60 for expired ones)",
      "shell",
      `curl -s -X POST ${url}/_emu/tokens -H 'content-type: application/json' \\\n  -d '{"userPoolId": "${pool}", "username": "${username}"}'`,
    ),
    snippet(
      "Verify its tokens in a backend (aws-jwt-verify)",
      "JavaScript",
      `import { JwtRsaVerifier } from "aws-jwt-verify";\n\n` +
        `const verifier = JwtRsaVerifier.create({\n  issuer: "${issuer}",\n  audience: "${clientId}",\n  jwksUri: "${url}/${pool}/.well-known/jwks.json",\n});\n` +
        `const claims = await verifier.verify(AuthenticationResult.IdToken);`,
    ),
    snippet("Move the clock an hour on (codes and tokens expire)", "shell", `curl -s -X POST ${url}/_emu/clock -H 'content-type: application/json' -d '{"advanceSeconds": 3600}'`),
  ];

  const exampleCard = example
    ? `<dl class="facts example">
        <div class="fact"><dt>User pool id</dt><dd>${copyable(example.userPoolId)}</dd></div>
        ${example.clientId ? `<div class="fact"><dt>App client id</dt><dd>${copyable(example.clientId)}</dd></div>` : ""}
        <div class="fact"><dt>Test user</dt><dd>${copyable(example.username)}</dd></div>
        <div class="fact"><dt>Password</dt><dd>${copyable(example.password)}</dd></div>
      </dl>`
    : `<p class="muted">The fixtures define no user with a clear password to sign in as; the snippets below show where yours go.</p>`;

  const endpointRows: Array<[string, string, string]> = [
    ["User pools API", `POST ${url}/`, "X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>"],
    ["Identity pools API", `POST ${url}/`, "X-Amz-Target: AWSCognitoIdentityService.<Operation>"],
    ["STS", `POST ${url}/`, "form-encoded Action=<Operation>"],
    ["Cognito Sync", `${url}/identitypools/…`, "REST"],
    ["Hosted UI and OAuth 2.0", `${url}/oauth2/authorize`, "/oauth2/token, /oauth2/userInfo, /oauth2/revoke, /logout"],
    ["Token keys", `${url}/<userPoolId>/.well-known/jwks.json`, "and /.well-known/openid-configuration"],
    ["Web console", info.console, "users, codes, tokens, clock, reset"],
    ["Control", `${url}/_emu/…`, "messages, clock, reset, state, tokens, stacks; /health"],
  ];

  const poolRows = info.userPools
    .map(
      (p) => `<tr><td><strong>${esc(p.Name)}</strong><br><code>${esc(p.Id)}</code></td><td>${esc(p.users)}</td>
        <td>${p.clients.map((c) => `<span class="chip">${esc(c.ClientName)} · ${esc(c.ClientId)}</span>`).join(" ") || '<span class="muted">none</span>'}</td>
        <td><code>${esc(p.issuer)}</code><br><a href="${esc(p.jwksUri)}">JWKS</a></td></tr>`,
    )
    .join("");
  const morePools = info.userPoolCount > info.userPools.length ? `<p class="muted small">and ${info.userPoolCount - info.userPools.length} more: see the console.</p>` : "";

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cognito-emu at ${esc(url)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${UI_PATH}/console.css">
<script src="${UI_PATH}/landing.js" defer></script>
</head>
<body class="landing">
<header class="top">
  <div class="brand"><span class="logo">◆</span> cognito-emu <span class="muted">v${esc(info.version)}</span></div>
  <div class="endpoint"><code>${esc(url)}</code> <span class="muted">· ${esc(info.region)}</span></div>
  <a class="button primary" id="open-console" href="${UI_PATH}/">Open the web console</a>
</header>
<main class="page">
  <section class="intro">
    <h1>Amazon Cognito, offline, at <code>${esc(url)}</code></h1>
    <p class="lead">Point the AWS SDKs, the AWS CLI, amazon-cognito-identity-js, Amplify or any OpenID Connect library at this URL
    by changing only the endpoint. Codes and invitations it “sends” land in the outbox; the <a href="${UI_PATH}/">web console</a> shows users,
    codes and tokens, and moves the clock.</p>
  </section>
  <div class="columns">
    <section class="card"><h2>Example to sign in with</h2>${exampleCard}</section>
    <section class="card"><h2>Endpoints</h2>
      <table class="kv endpoints">${endpointRows.map(([what, where, how]) => `<tr><th>${esc(what)}</th><td><code>${esc(where)}</code><br><span class="muted small">${esc(how)}</span></td></tr>`).join("")}</table>
    </section>
  </div>
  <section class="card"><h2>Try it</h2><div class="snippets">${snippets.join("")}</div></section>
  <section class="card"><h2>User pools</h2>
    ${info.userPools.length ? `<table class="grid pools"><thead><tr><th>Pool</th><th>Users</th><th>App clients</th><th>Issuer</th></tr></thead><tbody>${poolRows}</tbody></table>${morePools}` : '<p class="muted">None yet: create one with the API or a fixture file.</p>'}
  </section>
  ${
    info.identityPools.length
      ? `<section class="card"><h2>Identity pools</h2>${info.identityPools.map((p) => `<span class="chip">${esc(p.IdentityPoolName)} · ${esc(p.IdentityPoolId)}</span>`).join(" ")}</section>`
      : ""
  }
  <p class="muted small">This page answers JSON to clients that do not ask for HTML: <code>curl ${esc(url)}/</code></p>
</main>
<div id="toast" class="toast" role="status" aria-live="polite"></div>
</body>
</html>
`;
}
