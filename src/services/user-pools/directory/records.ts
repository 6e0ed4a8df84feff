import type {
  EmailMfaConfigType,
  GroupType,
  ResourceServerType,
  UserPoolClientType,
  UserPoolType,
  WebAuthnConfigurationType,
} from "@aws-sdk/client-cognito-identity-provider";

/** Dates are stored as epoch milliseconds so records persist as plain JSON. */
type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: number };

/** A user pool as DescribeUserPool shows it, less the figures computed on read. */
export type PoolRecord = Dated<Omit<UserPoolType, "EstimatedNumberOfUsers">, "CreationDate" | "LastModifiedDate"> & {
  Id: string;
  Name: string;
  Region: string;
  /** The MFA factors SetUserPoolMfaConfig turned on; absent until it is called (mfa.ts says what applies then). */
  MfaFactors?: MfaFactor[];
  /** SetUserPoolMfaConfig's email MFA / email OTP message. */
  EmailMfaConfiguration?: EmailMfaConfigType;
  WebAuthnConfiguration?: WebAuthnConfigurationType;
};

/** A second factor, by the name the API gives it in UserMFASettingList and challenges. */
export type MfaFactor = "SMS_MFA" | "EMAIL_OTP" | "SOFTWARE_TOKEN_MFA";

export type ClientRecord = Dated<UserPoolClientType, "CreationDate" | "LastModifiedDate"> & {
  UserPoolId: string;
  ClientId: string;
  ClientName: string;
  /** Up to two secrets during rotation (AddUserPoolClientSecret); ClientSecret is the oldest. */
  ClientSecrets?: ClientSecretEntry[];
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
  /** SRP salt, hex as SALT is sent; set with every password (see passwordCredentials). */
  SrpSalt?: string;
  /** SRP x = SHA-256(salt | SHA-256(poolName | username | ":" | password)), hex: a salted hash, not the password. */
  SrpX?: string;
  /** SRP verifier g^x mod N, hex; computed on the first SRP sign-in, dropped whenever the password changes. */
  SrpVerifier?: string;
  /**
   * Instead of the three above, for a fixture user: the digest of its definition, which names its clear
   * password in memory (FixturePasswords); the credentials are derived on first need.
   */
  FixturePassword?: string;
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

/** Refresh tokens are token state; their record is declared with the tokens. */
export type { RefreshTokenRecord } from "../../../tokens/refresh";

export type ResourceServerRecord = ResourceServerType & { UserPoolId: string; Identifier: string; Name: string };

/** A hosted-UI domain prefix and the pool it serves. */
export interface DomainRecord {
  UserPoolId: string;
  Domain: string;
}

export type DeviceRememberedStatus = "remembered" | "not_remembered";

/** A device Cognito issued a key for; it takes part in device SRP once ConfirmDevice gave it a verifier. */
export interface DeviceRecord {
  UserPoolId: string;
  Sub: string;
  DeviceKey: string;
  DeviceGroupKey: string;
  /** Hex of the bytes ConfirmDevice sent (base64 there); both absent until the device is confirmed. */
  Salt?: string;
  Verifier?: string;
  DeviceName?: string;
  RememberedStatus: DeviceRememberedStatus;
  LastIp?: string;
  CreateDate: number;
  LastModifiedDate: number;
  LastAuthenticatedDate: number;
}

/** A passkey a user registered with CompleteWebAuthnRegistration; keyed `<poolId>/<sub>/<credentialId>`. */
export interface WebAuthnCredentialRecord {
  UserPoolId: string;
  Sub: string;
  /** base64url, as authenticators and ListWebAuthnCredentials spell it. */
  CredentialId: string;
  /** The COSE public key, base64url: what assertions are verified against (never a private key). */
  PublicKey: string;
  /** The authenticator's signature counter; an assertion must raise it unless the authenticator keeps none (0). */
  SignCount: number;
  FriendlyCredentialName: string;
  RelyingPartyId: string;
  Aaguid: string;
  AuthenticatorAttachment?: string;
  AuthenticatorTransports: string[];
  CreatedAt: number;
  LastUsedAt?: number;
}

/** A StartWebAuthnRegistration waiting for its CompleteWebAuthnRegistration; one per user, keyed `<poolId>/<sub>`. */
export interface WebAuthnRegistrationRecord {
  UserPoolId: string;
  Sub: string;
  /** The app client of the access token that started it; completing from another client is refused. */
  ClientId: string;
  Challenge: string;
  RelyingPartyId: string;
  UserVerification: "required" | "preferred";
  ExpiresAt: number;
}

/** One secret of a client. Cognito names it `<clientId>--<creation time>`; the time here is epoch milliseconds. */
export interface ClientSecretEntry {
  ClientSecretId: string;
  ClientSecretValue: string;
  ClientSecretCreateDate: number;
}
