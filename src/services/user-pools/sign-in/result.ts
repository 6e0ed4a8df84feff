import type { ChallengeNameType, NewDeviceMetadataType } from "@aws-sdk/client-cognito-identity-provider";
import type { RefreshTokenRecord } from "../../../tokens/refresh";
import type { TokenGenerationSource } from "../../../triggers/types";
import type { ClientRecord, PoolRecord, UserRecord } from "../directory/records";

/**
 * What each step of a sign-in comes to: the next challenge, or the user signed in. The caller decides
 * what a completed sign-in earns: the API mints tokens (api-response.ts), the hosted UI an
 * authorization code or implicit tokens.
 */
export type SignInResult = NextChallenge | SignedIn;

/** How the first factor was proven; a refresh continues an earlier sign-in. */
export type SignInMethod = "PASSWORD" | "PASSWORD_SRP" | "CUSTOM" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN" | "REFRESH";

/** The challenge the sign-in waits on, in the words Cognito uses to clients. */
export interface NextChallenge {
  kind: "challenge";
  ChallengeName: ChallengeNameType;
  /** Names the server-side session the answer must come back with. */
  Session: string;
  ChallengeParameters: Record<string, string>;
  /** USER_AUTH's SELECT_CHALLENGE lists the first factors the user can choose. */
  AvailableChallenges?: ChallengeNameType[];
}

/** A sign-in with every step passed (and the post authentication trigger run): who, through which client, how and when. */
export interface SignedIn {
  kind: "signedIn";
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  method: SignInMethod;
  /** When the user authenticated, epoch seconds (the tokens' auth_time). */
  authTime: number;
  /** The device the sign-in ran on, for the access token's device_key: the one that proved itself, or the new one. */
  deviceKey?: string;
  /** A device the pool had not seen, for the client to confirm (pools that remember devices). */
  newDevice?: NewDeviceMetadataType;
  clientMetadata?: Record<string, string>;
  /** The TokenGeneration_* event tokens minted for this sign-in run under. */
  tokenSource: TokenGenerationSource;
  /** A refresh: tokens continue the sign-in of this refresh token. */
  refresh?: RefreshOfSignIn;
}

export interface RefreshOfSignIn {
  token: string;
  session: RefreshTokenRecord;
  /** A new refresh token replaces the one given (GetTokensFromRefreshToken with rotation). */
  rotate: boolean;
}
