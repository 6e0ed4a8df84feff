import type { RefreshTokenRotationType, TokenValidityUnitsType } from "@aws-sdk/client-cognito-identity-provider";
import type { TokenGenerationSource } from "../triggers/types";
import type { Claims } from "./jwt";

/*
 * What tokens are minted for, in the members tokens read: the user-pool domain's own records have
 * these shapes, and its TokenSubjects (passed to TokenService) answers what tokens ask about them.
 */

export interface TokenPool {
  Id: string;
  /** Epoch ms; the signing certificate is issued at the pool's creation. */
  CreationDate: number;
}

export interface TokenClient {
  ClientId: string;
  /** The attributes ID tokens may carry; all of them when empty or left out. */
  ReadAttributes?: string[];
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  RefreshTokenValidity?: number;
  TokenValidityUnits?: TokenValidityUnitsType;
  RefreshTokenRotation?: RefreshTokenRotationType;
}

export interface TokenUser {
  UserPoolId: string;
  Username: string;
  Sub: string;
  /** Every attribute but `sub`, as strings. */
  Attributes: Record<string, string>;
  /** Tokens issued before this instant (epoch seconds) are revoked: global sign-out. */
  TokensValidAfter?: number;
}

export interface TokenGroup {
  GroupName: string;
  Precedence?: number;
  RoleArn?: string;
}

/** The record types one TokenService mints for (the user-pool domain's), so that what it hands back keeps its type. */
export interface SubjectRecords {
  pool: TokenPool;
  client: TokenClient;
  user: TokenUser;
  group: TokenGroup;
}

/** What a pre token generation function changes, in the terms TokenService.issue takes. */
export interface TokenCustomization {
  extraIdClaims?: Claims;
  extraAccessClaims?: Claims;
  scopes?: string[];
  accessTokenVersion?: 2;
}

/** What the pool's pre token generation trigger is told about the tokens about to be minted. */
export interface PreTokenGenerationRequest<R extends SubjectRecords = SubjectRecords> {
  source: TokenGenerationSource;
  pool: R["pool"];
  client: R["client"];
  user: R["user"];
  groups: readonly R["group"][];
  /** The access token's scopes before the function; Cognito's API scope when left out. */
  scopes?: readonly string[];
  clientMetadata?: Record<string, string>;
}

/** Everything tokens need to know about pools, users and groups; the user-pool domain provides it. */
export interface TokenSubjects<R extends SubjectRecords = SubjectRecords> {
  /** Tokens of a pool that no longer exists are invalid. */
  hasPool(poolId: string): boolean;
  /** The user a token's `sub` names, for TokensValidAfter (global sign-out). */
  userBySub(poolId: string, sub: string): R["user"] | undefined;
  /** The user's groups, whose names and roles the tokens carry. */
  groupsOf(user: R["user"]): R["group"][];
  /** Runs the pool's pre token generation trigger; {} when it has none. */
  preTokenGeneration(request: PreTokenGenerationRequest<R>): Promise<TokenCustomization>;
}
