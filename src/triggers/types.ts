/**
 * Cognito's trigger events, field for field as Cognito sends them (see the developer guide's "Lambda
 * trigger" pages). Every event shares the envelope; `request` and `response` vary by trigger.
 */

export type StringMap = Record<string, string>;

/** The LambdaConfig keys that name a synchronous trigger; also the trigger's name in Cognito's error messages. */
export type TriggerName =
  | "PreSignUp"
  | "PostConfirmation"
  | "PreAuthentication"
  | "PostAuthentication"
  | "PreTokenGeneration"
  | "CustomMessage"
  | "UserMigration"
  | "DefineAuthChallenge"
  | "CreateAuthChallenge"
  | "VerifyAuthChallengeResponse"
  | "CustomEmailSender"
  | "CustomSMSSender";

export interface TriggerEvent<Request = Record<string, unknown>, Response = Record<string, unknown>> {
  version: string;
  triggerSource: string;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Request;
  response: Response;
}

/** One step of a custom authentication so far, as DefineAuthChallenge and CreateAuthChallenge see it. */
export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

export type PreSignUpSource = "SignUp" | "AdminCreateUser" | "ExternalProvider";
export type PostConfirmationSource = "ConfirmSignUp" | "ConfirmForgotPassword";
export type TokenGenerationSource = "HostedAuth" | "Authentication" | "NewPasswordChallenge" | "AuthenticateDevice" | "RefreshTokens";
export type UserMigrationSource = "Authentication" | "ForgotPassword";
export type CustomMessageSource =
  | "SignUp"
  | "AdminCreateUser"
  | "ResendCode"
  | "ForgotPassword"
  | "UpdateUserAttribute"
  | "VerifyUserAttribute"
  | "Authentication";
/** Custom senders see the same sources as CustomMessage (and AccountTakeOverNotification, which the emulator never sends). */
export type CustomSenderSource = CustomMessageSource;

export interface GroupConfiguration {
  groupsToOverride: string[];
  iamRolesToOverride: string[];
  preferredRole: string | null;
}

export interface GroupOverrideDetails {
  groupsToOverride?: string[];
  iamRolesToOverride?: string[];
  preferredRole?: string | null;
}
