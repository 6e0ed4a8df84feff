import type { SetUserPoolMfaConfigRequest, SetUserPoolMfaConfigResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter } from "../../../errors";
import { operation } from "../../operation";
import type { Services } from "../../services";
import { requirePool } from "../directory/lookup";
import { describeMfaConfig, MFA_FACTORS, requireEmailMfaTier } from "../sign-in/mfa";
import { withoutUndefined } from "../directory/pools";
import type { MfaFactor, PoolRecord } from "../directory/records";

/**
 * Sets whether MFA is off, optional or required and which factors the pool offers: SMS when
 * SmsMfaConfiguration is given, TOTP when SoftwareTokenMfaConfiguration.Enabled, email when
 * EmailMfaConfiguration is given. A factor left out is turned off. Email needs the Essentials or Plus
 * plan; the developer email configuration real Cognito also requires is not, since nothing is sent.
 */
export default operation<SetUserPoolMfaConfigRequest, SetUserPoolMfaConfigResponse>((input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  if (onlyPasskeys(input)) return describeMfaConfig(savePool(services, pool, input, pool.MfaConfiguration ?? "OFF", pool.MfaFactors ?? [], true));
  const mode = input.MfaConfiguration ?? pool.MfaConfiguration ?? "OFF";
  const factors = requestedFactors(input);
  checkConfiguration(pool, mode, factors);
  return describeMfaConfig(savePool(services, pool, input, mode, factors));
});

/** A request that names only WebAuthnConfiguration changes passkey settings and leaves MFA as it is. */
function onlyPasskeys(input: SetUserPoolMfaConfigRequest): boolean {
  return (
    input.WebAuthnConfiguration !== undefined &&
    input.MfaConfiguration === undefined &&
    input.SmsMfaConfiguration === undefined &&
    input.SoftwareTokenMfaConfiguration === undefined &&
    input.EmailMfaConfiguration === undefined
  );
}

function requestedFactors(input: SetUserPoolMfaConfigRequest): MfaFactor[] {
  const requested: Record<MfaFactor, boolean> = {
    SMS_MFA: input.SmsMfaConfiguration !== undefined,
    EMAIL_OTP: input.EmailMfaConfiguration !== undefined,
    SOFTWARE_TOKEN_MFA: input.SoftwareTokenMfaConfiguration?.Enabled === true,
  };
  return MFA_FACTORS.filter((factor) => requested[factor]);
}

function checkConfiguration(pool: PoolRecord, mode: string, factors: MfaFactor[]): void {
  if (mode === "OFF" && factors.length > 0) throw InvalidParameter("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
  if (mode !== "OFF" && factors.length === 0) throw InvalidParameter("Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.");
  if (factors.includes("EMAIL_OTP")) requireEmailMfaTier(pool);
}

function savePool(services: Services, pool: PoolRecord, input: SetUserPoolMfaConfigRequest, mode: string, factors: MfaFactor[], keepMfa = false): PoolRecord {
  const sms = input.SmsMfaConfiguration;
  const updated: PoolRecord = withoutUndefined({
    ...pool,
    MfaConfiguration: mode as PoolRecord["MfaConfiguration"],
    // OFF forgets the factors, so a later UpdateUserPool that turns MFA back on starts from the defaults.
    MfaFactors: keepMfa ? pool.MfaFactors : mode === "OFF" ? undefined : factors,
    SmsAuthenticationMessage: sms?.SmsAuthenticationMessage ?? pool.SmsAuthenticationMessage,
    SmsConfiguration: sms?.SmsConfiguration ?? pool.SmsConfiguration,
    EmailMfaConfiguration: keepMfa ? pool.EmailMfaConfiguration : input.EmailMfaConfiguration,
    WebAuthnConfiguration: input.WebAuthnConfiguration ?? pool.WebAuthnConfiguration,
    LastModifiedDate: services.clock.now(),
  });
  services.tables.pools.put(pool.Id, updated);
  return updated;
}
