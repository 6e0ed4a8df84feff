/** Cognito's Lambda triggers: one entry point per trigger; each is free when the pool does not configure it. */
export { runPreSignUp, type PreSignUpInput, type PreSignUpResult } from "./pre-sign-up";
export { runPostConfirmation, type PostConfirmationInput } from "./post-confirmation";
export { runPreAuthentication, runPostAuthentication, type PreAuthenticationInput, type PostAuthenticationInput } from "./authentication";
export { runPreTokenGeneration, type TokenCustomization, type TokenGenerationInput } from "./pre-token-generation";
export { runCustomMessage, CODE_PARAMETER, LINK_PARAMETER, USERNAME_PARAMETER, type CustomMessage, type CustomMessageInput } from "./custom-message";
export { migrateUser, type UserMigrationInput } from "./user-migration";
export {
  requireCustomAuthTriggers,
  runCreateAuthChallenge,
  runDefineAuthChallenge,
  runVerifyAuthChallengeResponse,
  type CustomAuthParty,
} from "./custom-auth";
export { sendWithCustomSender, senderKeyId, type CustomSenderInput } from "./custom-sender";
export { customSenderKeyring, encryptSenderCode, SENDER_KEY_NAMESPACE } from "./sender-code";
export { triggerSettings, type TriggerSettings } from "./settings";
export { attributeMap } from "./event";
export type * from "./types";
