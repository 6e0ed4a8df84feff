import { randomBytes, randomInt, randomUUID } from "node:crypto";
import type { Request, Response } from "express";
import type { Services } from "../../services/services";
import { findIdentityProvider, type IdentityProviderRecord, SUBJECT_CLAIM } from "../../services/user-pools/directory/identity-providers";
import type { PoolRecord } from "../../services/user-pools/directory/records";
import { fieldsOf } from "../http";
import { field, form, hidden, html, sendPage, submit } from "../hosted-ui/layout";
import { pageLook } from "../hosted-ui/look";
import { completeFederation, federationError, resumeRequest } from "./complete";
import { identitiesOfProvider } from "./identities";
import { FAKE_PROVIDER_PATH } from "./start";
import { peekFederationState, takeFederationState } from "./states";

/** How many earlier accounts the page offers to sign in as again. */
const KNOWN_ACCOUNTS = 10;
/** Form fields carrying claims are named `claim:<claim name>`. */
const CLAIM_PREFIX = "claim:";

/**
 * GET /_emu/idp: the emulator playing the external provider, as the Firebase emulator does. A tester
 * picks an account that signed in before or describes one (its id and the claims the pool maps).
 */
export function showFakeProvider(services: Services, req: Request, res: Response): void {
  const id = typeof req.query.state === "string" ? req.query.state : undefined;
  const state = peekFederationState(services, id);
  const pool = state && services.tables.pools.get(state.UserPoolId);
  const provider = state && findIdentityProvider(services, state.UserPoolId, state.ProviderName);
  if (!state || !pool || !provider) return expired(res, pool);

  const subject = SUBJECT_CLAIM[provider.ProviderType] ?? "sub";
  const claims = mappedClaims(provider);
  const accounts = knownAccounts(services, pool, provider);
  const body = html`
<p class="textDescription-customizable">cognito-emu stands in for ${provider.ProviderType === provider.ProviderName ? provider.ProviderName : `${provider.ProviderName} (${provider.ProviderType})`}: nothing leaves this machine. Choose an account, or describe the one to sign in as.</p>
${accounts.length ? html`<ul class="accounts">${accounts.map((account) => html`<li>${form(FAKE_PROVIDER_PATH, hidden({ state: id, sub: account.id, ...account.claims }), submit(`Continue as ${account.label}`))}</li>`)}</ul><div class="divider">or a new account</div>` : ""}
${form(
  FAKE_PROVIDER_PATH,
  hidden({ state: id }),
  field({ name: "sub", label: `User id (${subject})`, value: newSubject(provider.ProviderType), autocomplete: "off", hint: `The user becomes ${provider.ProviderName}_<user id> in the pool.` }),
  claims.map((claim) => field({ name: `${CLAIM_PREFIX}${claim.name}`, label: claim.name, value: claim.defaultValue, required: false, autocomplete: "off", hint: `maps to ${claim.attributes.join(", ")}` })),
  submit("Sign in"),
)}
${form(FAKE_PROVIDER_PATH, hidden({ state: id, action: "cancel" }), html`<button type="submit" class="secondary">Cancel</button>`)}`;
  sendPage(res, pageLook(services, pool, state.Params.client_id), { title: `Sign in with ${provider.ProviderName}`, body });
}

/** POST /_emu/idp: the provider's answer, the same path a real provider's takes from here on. */
export async function submitFakeProvider(services: Services, req: Request, res: Response): Promise<void> {
  const fields = fieldsOf(req.body);
  const state = takeFederationState(services, fields.state);
  const pool = state && services.tables.pools.get(state.UserPoolId);
  if (!state || !pool) return expired(res, pool);
  if (fields.action === "cancel") {
    const request = resumeRequest(services, res, state);
    if (request) federationError(res, request, "access_denied", "User cancelled the sign-in.");
    return;
  }
  const provider = findIdentityProvider(services, state.UserPoolId, state.ProviderName);
  const claims: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith(CLAIM_PREFIX) && value !== "") claims[name.slice(CLAIM_PREFIX.length)] = value;
  }
  const email = typeof claims.email === "string" ? claims.email : undefined;
  const providerUserId = (fields.sub ?? "").trim() || email || newSubject(provider?.ProviderType ?? "OIDC");
  claims[SUBJECT_CLAIM[provider?.ProviderType ?? "OIDC"] ?? "sub"] = providerUserId;
  await completeFederation(services, req, res, state, { providerUserId, claims });
}

function expired(res: Response, pool: PoolRecord | undefined): void {
  sendPage(
    res,
    { poolName: pool?.Name ?? "cognito-emu" },
    { title: "Sign-in expired", error: "This sign-in is no longer pending. Start it again from your app.", body: html`` },
    400,
  );
}

interface MappedClaim {
  name: string;
  attributes: string[];
  defaultValue?: string;
}

/** The claims the pool's attribute mapping reads, each with the attributes it fills. */
function mappedClaims(provider: IdentityProviderRecord): MappedClaim[] {
  const byClaim = new Map<string, string[]>();
  for (const [attribute, claim] of Object.entries(provider.AttributeMapping)) {
    if (attribute === "username") continue;
    byClaim.set(claim, [...(byClaim.get(claim) ?? []), attribute]);
  }
  return [...byClaim].map(([name, attributes]) => ({ name, attributes, defaultValue: attributes.some((a) => a.endsWith("_verified")) ? "true" : undefined }));
}

/** Identities of this provider the page can sign in as again, their users' mapped attributes read back as claims. */
function knownAccounts(services: Services, pool: PoolRecord, provider: IdentityProviderRecord): Array<{ id: string; label: string; claims: Record<string, string> }> {
  return identitiesOfProvider(services, pool.Id, provider.ProviderName, KNOWN_ACCOUNTS).map(({ providerUserId, user }) => {
    const claims: Record<string, string> = {};
    for (const [attribute, claim] of Object.entries(provider.AttributeMapping)) {
      const value = user.Attributes[attribute];
      if (attribute !== "username" && value !== undefined) claims[`${CLAIM_PREFIX}${claim}`] = value;
    }
    const label = user.Attributes.email ?? user.Attributes.name ?? providerUserId;
    return { id: providerUserId, label: user.UserStatus === "EXTERNAL_PROVIDER" ? label : `${label} (linked to ${user.Username})`, claims };
  });
}

/** A user id shaped like the provider's own. */
function newSubject(type: string): string {
  switch (type) {
    case "Google":
      return String(randomInt(1, 10)) + Array.from({ length: 20 }, () => randomInt(10)).join("");
    case "Facebook":
      return String(randomInt(1, 10)) + Array.from({ length: 15 }, () => randomInt(10)).join("");
    case "LoginWithAmazon":
      return `amzn1.account.${randomBytes(14).toString("hex").toUpperCase()}`;
    case "SignInWithApple":
      return `00${randomInt(1000, 9999)}.${randomBytes(16).toString("hex")}.${randomInt(1000, 9999)}`;
    default:
      return randomUUID();
  }
}

