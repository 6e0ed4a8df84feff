import type { Request, Response } from "express";
import { checkAssertion, SamlFailure, type SamlAssertion, type SamlFailureReason, verifyResponse } from "../../../services/saml/responses";
import type { Services } from "../../../services/services";
import { findIdentityProvider, type IdentityProviderRecord, SUBJECT_CLAIM } from "../../../services/user-pools/directory/identity-providers";
import { type AuthorizeRequest, authorizeParams, parseAuthorizeRequest } from "../../authorize-request";
import { answerProblem } from "../../hosted-ui/context";
import { html, sendPage } from "../../hosted-ui/layout";
import { fieldsOf, requestBaseUrl } from "../../http";
import type { ExternalProfile } from "../attribute-mapping";
import { completeFederation, federationError, resumeRequest } from "../complete";
import { type FederationState, takeFederationState } from "../states";
import { samlAssertionUses } from "../../tables";
import { startSamlSession } from "./sessions";
import { assertionConsumerUrl, detailIsTrue, MetadataUnavailable, poolSamlKeys, providerMetadata, serviceProviderEntityId } from "./sp";
import { authnRequestId } from "./start";

/** What Cognito says of a response it cannot tell the purpose of (an unknown RelayState, IdP-initiated sign-in off). */
export const INVALID_RELAY_STATE = "Invalid samlResponse or relayState from identity provider";

/**
 * Cognito redirects a refused response to the app as `error=server_error` and `error_description=Invalid
 * SAML response received: <reason> ` (aws/aws-sdk-js-v3#6201 quotes the signature case, trailing space
 * included). The other reasons are worded after it.
 */
const REASONS: Record<SamlFailureReason | "replayed" | "unavailable", string> = {
  signature: "SAML Assertion signature is invalid.",
  malformed: "SAML Response is malformed.",
  decryption: "SAML Assertion cannot be decrypted.",
  encryptionRequired: "SAML Assertion is not encrypted.",
  status: "SAML Response status is not Success.",
  issuer: "SAML Assertion issuer is invalid.",
  audience: "SAML Assertion audience is invalid.",
  recipient: "SAML Assertion recipient is invalid.",
  notYetValid: "SAML Assertion is not yet valid.",
  expired: "SAML Assertion has expired.",
  inResponseTo: "SAML Response InResponseTo is invalid.",
  replayed: "SAML Assertion has already been used.",
  unavailable: "Unable to contact the configured provider.",
};

export function samlErrorDescription(reason: keyof typeof REASONS): string {
  return `Invalid SAML response received: ${REASONS[reason]} `;
}

/**
 * POST /saml2/idpresponse: a SAML response, by the HTTP-POST binding. With the RelayState of a pending
 * sign-in it answers that AuthnRequest (SP-initiated); otherwise, for a provider with IDPInit, it is
 * an IdP-initiated sign-in whose RelayState carries the authorization request's parameters.
 */
export async function samlIdpResponse(services: Services, req: Request, res: Response): Promise<void> {
  const fields = fieldsOf(req.body);
  const samlResponse = fields.SAMLResponse;
  const relayState = fields.RelayState;
  if (!samlResponse) return invalidRelayState(res);

  const state = takeFederationState(services, relayState);
  if (state) {
    const request = resumeRequest(services, res, state);
    if (!request) return;
    const provider = findIdentityProvider(services, state.UserPoolId, state.ProviderName);
    if (provider?.ProviderType !== "SAML") return federationError(res, request, "invalid_request", `Identity provider ${state.ProviderName} does not exist.`);
    const assertion = await acceptResponse(services, res, request, provider, samlResponse, assertionConsumerUrl(state.CallbackUrl), authnRequestId(state));
    if (assertion) await signIn(services, req, res, state, provider, assertion);
    return;
  }

  // IdP-initiated: RelayState is the query string /oauth2/authorize would have had.
  const params = authorizeParams(fieldsOf(Object.fromEntries(new URLSearchParams(relayState ?? ""))));
  if (!params.client_id || (!params.identity_provider && !params.idp_identifier)) return invalidRelayState(res);
  const parsed = parseAuthorizeRequest(services, params);
  if ("problem" in parsed) return answerProblem(res, parsed.problem);
  const { request } = parsed;
  const provider = request.provider ? findIdentityProvider(services, request.pool.Id, request.provider) : undefined;
  if (provider?.ProviderType !== "SAML" || !detailIsTrue(provider, "IDPInit")) return invalidRelayState(res);
  const acs = assertionConsumerUrl(requestBaseUrl(req));
  const assertion = await acceptResponse(services, res, request, provider, samlResponse, acs, null);
  if (!assertion) return;
  const { identity_provider: _named, idp_identifier: _identified, ...rest } = params;
  const unsolicited: FederationState = {
    UserPoolId: request.pool.Id,
    ProviderName: provider.ProviderName,
    Params: rest,
    CallbackUrl: acs,
    Nonce: "",
    ExpiresAt: services.clock.now(),
  };
  await signIn(services, req, res, unsolicited, provider, assertion);
}

/**
 * The response's assertion, once its signature (against the metadata's certificates), decryption (with
 * the pool's key, when EncryptedResponses), issuer, audience, recipient, InResponseTo, validity times
 * and first use check out; undefined once the failure has been sent back to the app.
 */
async function acceptResponse(
  services: Services,
  res: Response,
  request: AuthorizeRequest,
  provider: IdentityProviderRecord,
  samlResponse: string,
  acs: string,
  inResponseTo: string | null,
): Promise<SamlAssertion | undefined> {
  const refuse = (reason: keyof typeof REASONS, detail: string) => {
    services.log.info(`saml2/idpresponse: ${provider.ProviderName} response refused (${reason}): ${detail}`);
    federationError(res, request, "server_error", samlErrorDescription(reason));
    return undefined;
  };
  let metadata: Awaited<ReturnType<typeof providerMetadata>>;
  try {
    metadata = await providerMetadata(provider);
  } catch (error) {
    if (!(error instanceof MetadataUnavailable)) throw error;
    return refuse("unavailable", error.message);
  }
  if (!metadata) return refuse("signature", `${provider.ProviderName} has no usable metadata to check the response against`);
  const encrypted = detailIsTrue(provider, "EncryptedResponses");
  try {
    const { envelope, assertion } = await verifyResponse(samlResponse, {
      certificates: metadata.signingCertificates,
      decryptionKey: encrypted ? (await poolSamlKeys(services, request.pool)).privateKey : undefined,
      requireEncryption: encrypted,
    });
    checkAssertion(envelope, assertion, {
      issuer: metadata.entityId,
      audience: (audience) => audience === serviceProviderEntityId(request.pool.Id),
      recipient: (recipient) => recipient === acs,
      inResponseTo,
      now: services.clock.now(),
    });
    if (assertion.id !== undefined) {
      const uses = samlAssertionUses.open(services);
      const key = `${request.pool.Id}/${assertion.id}`;
      if (uses.has(key)) return refuse("replayed", `assertion ${assertion.id} was used before`);
      const until = Math.max(assertion.notOnOrAfter ?? 0, assertion.confirmationNotOnOrAfter ?? 0, services.clock.now() + 3_600_000);
      uses.put(key, { ExpiresAt: until });
    }
    return assertion;
  } catch (error) {
    if (!(error instanceof SamlFailure)) throw error;
    return refuse(error.reason, error.message);
  }
}

/** Signs in the user the assertion names, as every provider's sign-in ends. */
async function signIn(services: Services, req: Request, res: Response, state: FederationState, provider: IdentityProviderRecord, assertion: SamlAssertion): Promise<void> {
  startSamlSession(services, req, res, state.UserPoolId, provider.ProviderName, assertion);
  await completeFederation(services, req, res, state, samlProfile(provider, assertion));
}

/**
 * The SAML user as federation sees any provider's: NameID as the user id (also under the nameidentifier
 * claim Cognito maps to `username`), and each attribute by its Name. An attribute with several values
 * reads as Cognito stores it, `[a, b]` (`"custom:groups": "[test-group-two, test-group-one]"` in a real
 * ID token, oauth2-proxy/oauth2-proxy#1765).
 */
export function samlProfile(provider: IdentityProviderRecord, assertion: SamlAssertion): ExternalProfile {
  const claims: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(assertion.attributes)) {
    claims[name] = values.length === 1 ? values[0] : `[${values.join(", ")}]`;
  }
  claims[SUBJECT_CLAIM[provider.ProviderType] ?? SUBJECT_CLAIM.SAML] = assertion.nameId;
  return { providerUserId: assertion.nameId, claims };
}

function invalidRelayState(res: Response): void {
  sendPage(res, { poolName: "cognito-emu" }, { title: "An error was encountered with the requested page.", error: INVALID_RELAY_STATE, body: html`` }, 400);
}
