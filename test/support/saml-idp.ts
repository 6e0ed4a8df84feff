import { generateKeyPairSync, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import * as samlify from "samlify";
import { poolSigningCertificate } from "../../src/tokens/certificate";
import type { PoolRecord } from "../../src/services/user-pools/directory/records";
import type { PoolKey } from "../../src/tokens/keys";

// The IdP trusts the requests it is sent by their signature; XML schema validation is not what these tests are about.
samlify.setSchemaValidator({ validate: async () => "skipped" });

const { binding } = samlify.Constants.namespace;
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
const EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

/** samlify's login response, with an AuthnStatement (SessionIndex, for single logout). */
const RESPONSE_TEMPLATE = samlify.SamlLib.defaultLoginResponseTemplate.context.replace(
  "{AuthnStatement}",
  '<saml:AuthnStatement AuthnInstant="{IssueInstant}" SessionIndex="{SessionIndex}" SessionNotOnOrAfter="{SessionNotOnOrAfter}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>',
);

/** A key pair and a self-signed certificate over it (the emulator's own certificate builder). */
export function keyAndCertificate(name: string): { privateKey: string; certificate: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const certificate = poolSigningCertificate({ Id: name, CreationDate: Date.now() } as PoolRecord, { privateKey, publicKey } as PoolKey);
  return { privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), certificate };
}

export interface SamlUser {
  nameId: string;
  nameIdFormat?: string;
  attributes: Record<string, string | string[]>;
}

/** How Cognito is known to the IdP, as an IdP administrator would set it up. */
export interface ServiceProviderSetup {
  /** The SP's entity id: `urn:amazon:cognito:sp:<poolId>`, or AWS's `https://signin.aws.amazon.com/saml`. */
  entityId: string;
  /** Where responses are posted: the emulator's /saml2/idpresponse, or AWS's sign-in URL. */
  acsUrl: string;
  /** Where LogoutResponses go: the emulator's /saml2/logout. */
  sloUrl?: string;
  /** The pool's certificate (GetSigningCertificate): checks signed requests and encrypts assertions. */
  certificate?: string;
}

export interface ResponseOptions {
  /** The AuthnRequest answered; null or absent: unsolicited (IdP-initiated). */
  inResponseTo?: string | null;
  user?: SamlUser;
  audience?: string;
  recipient?: string;
  issuer?: string;
  /** When the assertion was issued; validity runs five minutes from it unless `validFor` says otherwise (seconds). */
  issuedAt?: Date;
  validForSeconds?: number;
  /** What carries the signature; "none" sends it unsigned. Default: the assertion. */
  sign?: "assertion" | "response" | "both" | "none";
  /** Encrypt the assertion to the SP's certificate. */
  encrypt?: boolean;
  status?: string;
}

export interface AuthnRequestSeen {
  id: string;
  relayState?: string;
  binding: "redirect" | "post";
  signed: boolean;
}

export interface SamlIdp {
  url: string;
  entityId: string;
  metadataUrl: string;
  metadata: string;
  certificate: string;
  /** Who signs in at the next SSO request. */
  user: SamlUser;
  /** How signed-in users' responses are built (the browser flow's). */
  responseOptions: Omit<ResponseOptions, "inResponseTo" | "user">;
  seen: { authnRequests: AuthnRequestSeen[]; logoutRequests: Array<{ id: string; nameId: string; sessionIndex?: string; signed: boolean }> };
  trust(sp: ServiceProviderSetup): void;
  /** A SAML response (base64) for the trusted SP. */
  response(options?: ResponseOptions): Promise<string>;
  stop(): Promise<void>;
}

export interface SamlIdpOptions {
  user: SamlUser;
  /** The SSO binding its metadata offers (default HTTP-Redirect). */
  ssoBinding?: "redirect" | "post";
  wantAuthnRequestsSigned?: boolean;
  /** Whether the metadata offers a SingleLogoutService (default true). */
  singleLogout?: boolean;
}

/**
 * A real SAML 2.0 identity provider on loopback, built with samlify: metadata, an SSO endpoint that
 * parses (and, when it wants them signed, verifies) AuthnRequests and shows a one-button sign-in page,
 * signed (optionally encrypted) responses posted back by the browser, and single logout.
 */
export async function startSamlIdp(options: SamlIdpOptions): Promise<SamlIdp> {
  const keys = keyAndCertificate("test-idp");
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entityId = `${url}/metadata`;
  const ssoBinding = options.ssoBinding === "post" ? binding.post : binding.redirect;
  const idpSettings = (attributes: Array<{ name: string; valueTag: string; nameFormat: string; valueXsiType: string }> = []) =>
    samlify.IdentityProvider({
      entityID: entityId,
      privateKey: keys.privateKey,
      signingCert: keys.certificate,
      wantAuthnRequestsSigned: options.wantAuthnRequestsSigned ?? false,
      wantLogoutRequestSigned: true,
      nameIDFormat: [EMAIL_FORMAT],
      singleSignOnService: [{ Binding: ssoBinding, Location: `${url}/sso` }],
      singleLogoutService: options.singleLogout === false ? [] : [{ Binding: binding.redirect, Location: `${url}/slo` }],
      loginResponseTemplate: { context: RESPONSE_TEMPLATE, attributes } as never,
    });
  const metadataIdp = idpSettings();
  let sp: ServiceProviderSetup | undefined;

  const spEntity = (sign: ResponseOptions["sign"]) => {
    if (!sp) throw new Error("call trust() with the service provider first");
    return samlify.ServiceProvider({
      entityID: sp.entityId,
      assertionConsumerService: [{ Binding: binding.post, Location: sp.acsUrl }],
      singleLogoutService: sp.sloUrl ? [{ Binding: binding.post, Location: sp.sloUrl }] : [],
      signingCert: sp.certificate,
      encryptCert: sp.certificate,
      wantAssertionsSigned: sign === "assertion" || sign === "both" || sign === undefined,
      wantMessageSigned: sign === "response" || sign === "both",
      authnRequestsSigned: options.wantAuthnRequestsSigned ?? false,
    });
  };

  const idp: SamlIdp = {
    url,
    entityId,
    metadataUrl: `${url}/metadata`,
    metadata: metadataIdp.getMetadata(),
    certificate: keys.certificate,
    user: options.user,
    responseOptions: {},
    seen: { authnRequests: [], logoutRequests: [] },
    trust(setup) {
      sp = setup;
    },
    async response(given = {}) {
      const user = given.user ?? idp.user;
      const issued = given.issuedAt ?? new Date();
      const until = new Date(issued.getTime() + (given.validForSeconds ?? 300) * 1000);
      const attributeList: Array<{ name: string; valueTag: string; nameFormat: string; valueXsiType: string }> = [];
      const values: Record<string, string | null> = {};
      Object.entries(user.attributes).forEach(([name, value], i) => {
        (Array.isArray(value) ? value : [value]).forEach((v, k) => {
          const tag = `val${String.fromCharCode(97 + i)}${String.fromCharCode(97 + k)}`;
          attributeList.push({ name, valueTag: tag, nameFormat: "urn:oasis:names:tc:SAML:2.0:attrname-format:uri", valueXsiType: "xs:string" });
          values[`attr${tag.charAt(0).toUpperCase()}${tag.slice(1)}`] = v;
        });
      });
      const target = spEntity(given.sign);
      const tags: Record<string, string | null> = {
        ...values,
        ID: `_${randomUUID()}`,
        AssertionID: `_${randomUUID()}`,
        Destination: target.entityMeta.getAssertionConsumerService(binding.post) as string,
        Audience: given.audience ?? sp!.entityId,
        SubjectRecipient: given.recipient ?? sp!.acsUrl,
        Issuer: given.issuer ?? entityId,
        IssueInstant: issued.toISOString(),
        StatusCode: given.status ?? SUCCESS,
        ConditionsNotBefore: issued.toISOString(),
        ConditionsNotOnOrAfter: until.toISOString(),
        SubjectConfirmationDataNotOnOrAfter: until.toISOString(),
        NameIDFormat: user.nameIdFormat ?? EMAIL_FORMAT,
        NameID: user.nameId,
        InResponseTo: given.inResponseTo ?? null,
        SessionIndex: `_session-${randomUUID()}`,
        SessionNotOnOrAfter: new Date(issued.getTime() + 3600_000).toISOString(),
      };
      const entity = idpSettings(attributeList);
      if (given.sign === "none") {
        const template = (entity.entitySetting as { loginResponseTemplate: { context: string } }).loginResponseTemplate.context;
        return Buffer.from(samlify.SamlLib.replaceTagsByValue(template, tags)).toString("base64");
      }
      (entity.entitySetting as { isAssertionEncrypted?: boolean }).isAssertionEncrypted = given.encrypt === true;
      const built = (await entity.createLoginResponse(target, { extract: { request: { id: tags.InResponseTo ?? "" } } }, "post", {}, {
        customTagReplacement: (template: string) => ({ id: tags.ID!, context: samlify.SamlLib.replaceTagsByValue(template, tags) }),
      })) as { context: string };
      return built.context;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  app.get("/metadata", (_req, res) => void res.type("application/xml").send(idp.metadata));

  /** The AuthnRequest, parsed (and its signature checked when the IdP wants it signed), then a sign-in page. */
  const sso = async (req: express.Request, res: express.Response, kind: "redirect" | "post") => {
    let parsed: Awaited<ReturnType<typeof metadataIdp.parseLoginRequest>>;
    const relayState = kind === "redirect" ? String(req.query.RelayState ?? "") : String(req.body.RelayState ?? "");
    try {
      parsed = await metadataIdp.parseLoginRequest(spEntity(undefined), kind, kind === "redirect" ? { query: req.query as Record<string, string>, octetString: octetString(req.originalUrl, "SAMLRequest") } : { body: req.body });
    } catch (error) {
      return void res.status(400).type("text").send(`The test IdP refused the AuthnRequest: ${(error as Error).message}`);
    }
    const id = String((parsed.extract.request as Record<string, string> | undefined)?.id ?? "");
    idp.seen.authnRequests.push({ id, relayState, binding: kind, signed: kind === "redirect" ? typeof req.query.Signature === "string" : /<(\w+:)?Signature\b/.test(parsed.samlContent) });
    res.type("html").send(`<!doctype html><title>Test SAML IdP</title><h1>Test SAML IdP</h1>
<form method="post" action="/sso/approve"><input type="hidden" name="id" value="${escapeHtml(id)}"><input type="hidden" name="relayState" value="${escapeHtml(relayState)}">
<p>Signing in as ${escapeHtml(idp.user.nameId)}</p><button type="submit">Sign in</button></form>`);
  };
  app.get("/sso", (req, res) => sso(req, res, "redirect"));
  app.post("/sso", express.urlencoded({ extended: false }), (req, res) => sso(req, res, "post"));
  app.post("/sso/approve", express.urlencoded({ extended: false }), async (req, res) => {
    const context = await idp.response({ ...idp.responseOptions, inResponseTo: req.body.id });
    autoPost(res, sp!.acsUrl, { SAMLResponse: context, RelayState: req.body.relayState });
  });

  /** IdP-initiated sign-in, as a portal's bookmark starts it: an unsolicited response with the RelayState given. */
  app.get("/idp-init", async (req, res) => {
    const context = await idp.response({ ...idp.responseOptions });
    autoPost(res, sp!.acsUrl, { SAMLResponse: context, RelayState: String(req.query.RelayState ?? "") });
  });

  /** Single logout: a signed LogoutRequest by HTTP-Redirect, answered with a LogoutResponse posted back. */
  app.get("/slo", async (req, res) => {
    try {
      const parsed = await metadataIdp.parseLogoutRequest(spEntity(undefined), "redirect", { query: req.query as Record<string, string>, octetString: octetString(req.originalUrl, "SAMLRequest") });
      const extract = parsed.extract as { request?: { id?: string }; nameID?: string; sessionIndex?: unknown };
      idp.seen.logoutRequests.push({ id: String(extract.request?.id ?? ""), nameId: String(extract.nameID ?? ""), sessionIndex: typeof extract.sessionIndex === "string" ? extract.sessionIndex : undefined, signed: true });
      const answer = metadataIdp.createLogoutResponse(spEntity(undefined), parsed as unknown as Parameters<typeof metadataIdp.createLogoutResponse>[1], "post", { relayState: String(req.query.RelayState ?? "") }) as { context: string; entityEndpoint: string; relayState: string };
      autoPost(res, answer.entityEndpoint, { SAMLResponse: answer.context, RelayState: answer.relayState });
    } catch (error) {
      res.status(400).type("text").send(`The test IdP refused the LogoutRequest: ${(error as Error).message}`);
    }
  });
  return idp;
}

/** The signed part of an HTTP-Redirect binding message, as its query string carried it (still URL-encoded). */
function octetString(originalUrl: string, message: "SAMLRequest" | "SAMLResponse"): string {
  const query = originalUrl.slice(originalUrl.indexOf("?") + 1).split("&");
  const raw = (name: string) => query.find((pair) => pair.startsWith(`${name}=`));
  return [raw(message), raw("RelayState"), raw("SigAlg")].filter(Boolean).join("&");
}

/** The browser posts `fields` to `action` by itself, as IdPs' HTTP-POST binding pages do. */
function autoPost(res: express.Response, action: string, fields: Record<string, string>): void {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  res.type("html").send(`<!doctype html><title>Test SAML IdP</title><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(action)}">${inputs}<button type="submit">Continue</button></form></body>`);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
