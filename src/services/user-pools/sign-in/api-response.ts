import type { AuthenticationResultType, ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import type { Services } from "../../services";
import type { SignedIn, SignInResult } from "./result";

/** What InitiateAuth and RespondToAuthChallenge (and their admin twins) answer. */
export interface AuthResponse {
  ChallengeName?: ChallengeNameType;
  Session?: string;
  ChallengeParameters: Record<string, string>;
  AuthenticationResult?: AuthenticationResultType;
  AvailableChallenges?: ChallengeNameType[];
}

/** The API's answer to a sign-in step: the next challenge, or tokens minted for the completed sign-in. */
export async function authResponse(services: Services, result: SignInResult): Promise<AuthResponse> {
  if (result.kind === "challenge") {
    const { ChallengeName, Session, ChallengeParameters, AvailableChallenges } = result;
    return { ChallengeName, Session, ChallengeParameters, ...(AvailableChallenges ? { AvailableChallenges } : {}) };
  }
  return { ChallengeParameters: {}, AuthenticationResult: await signInTokens(services, result) };
}

/**
 * The API tokens of a completed sign-in: ID, access and a new refresh token, plus the new device's key
 * when there is one. A refresh continues its sign-in instead, with a new refresh token only on rotation.
 */
export async function signInTokens(services: Services, signedIn: SignedIn): Promise<AuthenticationResultType> {
  const { pool, client, user, clientMetadata, refresh } = signedIn;
  if (refresh) {
    return services.tokens.refreshUserTokens(refresh.token, refresh.session, { pool, client, user, clientMetadata, scopes: refresh.session.Scopes, rotate: refresh.rotate });
  }
  const tokens: AuthenticationResultType = await services.tokens.mintUserTokens({
    pool,
    client,
    user,
    source: signedIn.tokenSource,
    clientMetadata,
    authTime: signedIn.authTime,
    deviceKey: signedIn.deviceKey,
    withRefreshToken: true,
  });
  if (signedIn.newDevice) tokens.NewDeviceMetadata = signedIn.newDevice;
  return tokens;
}
