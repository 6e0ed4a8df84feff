import { randomBytes } from "node:crypto";
import type { Services } from "../../services/services";
import { federationStates } from "../tables";
import type { AuthorizeParams } from "../authorize-request";

/** A sign-in handed to an external provider, until it comes back; keyed by the `state` sent to the provider. */
export interface FederationState {
  UserPoolId: string;
  ProviderName: string;
  /** The app's authorization request, checked again when the provider answers. */
  Params: AuthorizeParams;
  /** Where the provider answers (the emulator's /oauth2/idpresponse, as the browser reached it). */
  CallbackUrl: string;
  /** The nonce the provider's ID token must carry. */
  Nonce: string;
  /** Epoch ms. */
  ExpiresAt: number;
}

/** A user gets ten minutes at the provider. */
const STATE_VALIDITY_MS = 10 * 60_000;

const states = (services: Services) => federationStates.open(services);

export function openFederationState(services: Services, state: Omit<FederationState, "ExpiresAt" | "Nonce">): { id: string; state: FederationState } {
  const id = randomBytes(24).toString("base64url");
  const record: FederationState = { ...state, Nonce: randomBytes(16).toString("base64url"), ExpiresAt: services.clock.now() + STATE_VALIDITY_MS };
  states(services).put(id, record);
  return { id, state: record };
}

/** The pending sign-in, still open (the fake provider's page reads it without ending it). */
export function peekFederationState(services: Services, id: string | undefined): FederationState | undefined {
  const state = id ? states(services).get(id) : undefined;
  return state && state.ExpiresAt > services.clock.now() ? state : undefined;
}

/** The pending sign-in, ended: a provider's answer is used once. */
export function takeFederationState(services: Services, id: string | undefined): FederationState | undefined {
  const state = peekFederationState(services, id);
  if (id && states(services).has(id)) states(services).delete(id);
  return state;
}
