import type { GroupType, ResourceServerType, UserPoolClientType, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";

/** Dates are stored as epoch milliseconds so records persist as plain JSON. */
type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: number };

/** A user pool as DescribeUserPool shows it, less the figures computed on read. */
export type PoolRecord = Dated<Omit<UserPoolType, "EstimatedNumberOfUsers">, "CreationDate" | "LastModifiedDate"> & {
  Id: string;
  Name: string;
  Region: string;
};

export type ClientRecord = Dated<UserPoolClientType, "CreationDate" | "LastModifiedDate"> & {
  UserPoolId: string;
  ClientId: string;
  ClientName: string;
};

export type GroupRecord = Dated<GroupType, "CreationDate" | "LastModifiedDate"> & {
  UserPoolId: string;
  GroupName: string;
};

export type UserStatus =
  | "UNCONFIRMED"
  | "CONFIRMED"
  | "ARCHIVED"
  | "COMPROMISED"
  | "UNKNOWN"
  | "RESET_REQUIRED"
  | "FORCE_CHANGE_PASSWORD"
  | "EXTERNAL_PROVIDER";

export interface UserRecord {
  UserPoolId: string;
  /** As the user was created (case kept); the store key normalizes it when the pool is case-insensitive. */
  Username: string;
  Sub: string;
  /** Every attribute but `sub`, values as strings as the API carries them. */
  Attributes: Record<string, string>;
  Enabled: boolean;
  UserStatus: UserStatus;
  UserCreateDate: number;
  UserLastModifiedDate: number;
  /** scrypt hash, see passwords.ts; never the password itself. */
  PasswordHash?: string;
  /** When a temporary (admin-set) password stops working, epoch ms. */
  TemporaryPasswordExpiresAt?: number;
  Groups: string[];
  /** Tokens issued before this instant (epoch seconds) are revoked: global sign-out. */
  TokensValidAfter?: number;
  /** Base32 secret of an enabled authenticator app. */
  TotpSecret?: string;
  PreferredMfaSetting?: string;
  UserMFASettingList?: string[];
}

/** A signed-in session's refresh token; the table is keyed by the token's SHA-256. */
export interface RefreshTokenRecord {
  UserPoolId: string;
  ClientId: string;
  Username: string;
  Sub: string;
  /** Shared by every token minted from this sign-in; revoking the refresh token revokes them all. */
  OriginJti: string;
  AuthTime: number;
  IssuedAt: number;
  ExpiresAt: number;
  DeviceKey?: string;
  Scopes?: string[];
}

export type ResourceServerRecord = ResourceServerType & { UserPoolId: string; Identifier: string; Name: string };

/** A hosted-UI domain prefix and the pool it serves. */
export interface DomainRecord {
  UserPoolId: string;
  Domain: string;
}
