import type {
  AdminCreateUserConfigType,
  CreateUserPoolRequest,
  EmailConfigurationType,
  PasswordPolicyType,
  SchemaAttributeType,
  UpdateUserPoolRequest,
  UserPoolDescriptionType,
  UserPoolPolicyType,
  UserPoolType,
  VerificationMessageTemplateType,
} from "@aws-sdk/client-cognito-identity-provider";
import { FeatureUnavailableInTier, InvalidParameter } from "../../../errors";
import { asShape } from "../../../protocol/shapes";
import { userPoolId } from "../../../ids";
import type { Services } from "../../services";
import type { PoolRecord } from "./records";
import { addCustomAttributes, buildSchema } from "./schema";
import { userPools } from "./tables";

/** What a pool gets for every policy a request leaves out, as DescribeUserPool then shows it. */
export const DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicyType> = Object.freeze({
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
});
const DEFAULT_TEMPORARY_PASSWORD_DAYS = 7;
const DEFAULT_MINIMUM_LENGTH = 8;
const DEFAULT_TIER = "ESSENTIALS";

/** The settings UpdateUserPool replaces as a whole; everything else about a pool is fixed when it is created. */
const UPDATABLE_SETTINGS = [
  "Policies",
  "DeletionProtection",
  "LambdaConfig",
  "AutoVerifiedAttributes",
  "SmsVerificationMessage",
  "EmailVerificationMessage",
  "EmailVerificationSubject",
  "VerificationMessageTemplate",
  "SmsAuthenticationMessage",
  "UserAttributeUpdateSettings",
  "MfaConfiguration",
  "DeviceConfiguration",
  "EmailConfiguration",
  "SmsConfiguration",
  "AdminCreateUserConfig",
  "UserPoolAddOns",
  "AccountRecoverySetting",
  "UserPoolTier",
] as const satisfies ReadonlyArray<keyof PoolRecord>;

type PoolSettings = Pick<PoolRecord, (typeof UPDATABLE_SETTINGS)[number]>;
type SettingsInput = Partial<Pick<CreateUserPoolRequest, (typeof UPDATABLE_SETTINGS)[number]>>;

/** Creates a pool with Cognito's defaults, or with a fixed id and creation time (fixtures). */
export function createPool(
  services: Services,
  region: string,
  input: CreateUserPoolRequest,
  fixed: { Id?: string; CreationDate?: number } = {},
): PoolRecord {
  validateSignInAttributes(input);
  const id = fixed.Id ?? unusedPoolId(services, region);
  if (services.tables.pools.has(id)) throw InvalidParameter(`User pool ${id} already exists.`);
  const created = fixed.CreationDate ?? services.clock.now();
  const record: PoolRecord = withoutUndefined({
    Id: id,
    Name: input.PoolName!,
    Region: region,
    ...poolSettings(input, DEFAULT_TIER),
    CreationDate: created,
    LastModifiedDate: created,
    SchemaAttributes: buildSchema(input.Schema),
    AliasAttributes: input.AliasAttributes,
    UsernameAttributes: input.UsernameAttributes,
    UserPoolTags: input.UserPoolTags ?? {},
    UsernameConfiguration: input.UsernameConfiguration,
    Arn: `arn:aws:cognito-idp:${region}:${services.options.accountId}:userpool/${id}`,
  });
  services.tables.pools.put(id, record);
  startSigningKeys(services, id);
  return record;
}

/** UpdateUserPool: settings left out return to their defaults (the tier and tags stay), as Cognito does. */
export function updatePool(services: Services, pool: PoolRecord, input: UpdateUserPoolRequest): PoolRecord {
  const kept: Partial<PoolRecord> = { ...pool };
  for (const setting of UPDATABLE_SETTINGS) delete kept[setting];
  const updated: PoolRecord = withoutUndefined({
    ...(kept as PoolRecord),
    ...poolSettings(input, pool.UserPoolTier ?? DEFAULT_TIER),
    Name: input.PoolName ?? pool.Name,
    UserPoolTags: input.UserPoolTags ?? pool.UserPoolTags ?? {},
    LastModifiedDate: services.clock.now(),
  });
  services.tables.pools.put(pool.Id, updated);
  return updated;
}

/** AddCustomAttributes: new `custom:` attributes join the schema; existing ones never change. */
export function addPoolCustomAttributes(services: Services, pool: PoolRecord, attributes: readonly SchemaAttributeType[]): PoolRecord {
  const updated: PoolRecord = {
    ...pool,
    SchemaAttributes: addCustomAttributes(pool.SchemaAttributes ?? [], attributes),
    LastModifiedDate: services.clock.now(),
  };
  services.tables.pools.put(pool.Id, updated);
  return updated;
}

/** Deletes the pool with everything the declarations say it owns, unless deletion protection is active. */
export function deletePool(services: Services, pool: PoolRecord): void {
  if (pool.DeletionProtection === "ACTIVE") {
    throw InvalidParameter(
      "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
    );
  }
  userPools.remove(services, pool.Id);
}

/** DescribeUserPool's view: dates as Date, the user count computed, members in Cognito's order. */
export function describePool(services: Services, pool: PoolRecord): UserPoolType {
  const view: UserPoolType = {
    ...pool,
    CreationDate: new Date(pool.CreationDate),
    LastModifiedDate: new Date(pool.LastModifiedDate),
    EstimatedNumberOfUsers: services.tables.users.countBy("byPool", pool.Id),
  };
  return asShape("cognito-idp", "UserPoolType", view);
}

/** ListUserPools' short view of a pool. */
export function summarizePool(pool: PoolRecord): UserPoolDescriptionType {
  return {
    Id: pool.Id,
    Name: pool.Name,
    LambdaConfig: pool.LambdaConfig ?? {},
    LastModifiedDate: new Date(pool.LastModifiedDate),
    CreationDate: new Date(pool.CreationDate),
  };
}

/** The pools of one region, oldest first. */
export function poolsInRegion(services: Services, region: string): PoolRecord[] {
  return services.tables.pools.findBy("byRegion", region).sort(byCreation);
}

/**
 * One page of a listing. The token names the last item returned (not an offset), so items created
 * or deleted between pages neither repeat nor go missing.
 */
export function pageOf<T>(items: readonly T[], keyOf: (item: T) => string, maxResults: number, nextToken?: string): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    const after = decodeToken(nextToken);
    start = items.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + maxResults);
  const more = start + maxResults < items.length;
  return { items: page, nextToken: more ? encodeToken(keyOf(page[page.length - 1])) : undefined };
}

/** A sort key that orders records by creation, then id. */
export function creationKey(record: { CreationDate: number }, id: string): string {
  return `${String(record.CreationDate).padStart(16, "0")}|${id}`;
}

export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function byCreation(a: PoolRecord, b: PoolRecord): number {
  const left = creationKey(a, a.Id);
  const right = creationKey(b, b.Id);
  return left < right ? -1 : left > right ? 1 : 0;
}

function encodeToken(key: string): string {
  return Buffer.from(JSON.stringify({ after: key })).toString("base64url");
}

function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { after?: unknown };
    if (typeof parsed.after === "string") return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw InvalidParameter("Invalid pagination token.");
}

function unusedPoolId(services: Services, region: string): string {
  let id = userPoolId(region);
  while (services.tables.pools.has(id)) id = userPoolId(region);
  return id;
}

/** Keys are generated in the background; a failure is logged, the pool is still created. */
function startSigningKeys(services: Services, poolId: string): void {
  services.tokens.ensureKeys(poolId).catch((error: unknown) => {
    services.log.error(`could not create signing keys for ${poolId}: ${(error as Error)?.message ?? String(error)}`);
  });
}

function validateSignInAttributes(input: CreateUserPoolRequest): void {
  if (input.AliasAttributes?.length && input.UsernameAttributes?.length) {
    throw InvalidParameter("Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
  }
}

/** The replaceable settings with Cognito's defaults for whatever the request leaves out. */
function poolSettings(input: SettingsInput, tierWhenOmitted: string): PoolSettings {
  validateAttributeUpdateSettings(input);
  validateThreatProtectionTier(input, input.UserPoolTier ?? tierWhenOmitted);
  const template = verificationTemplate(input);
  return withoutUndefined({
    Policies: policies(input.Policies),
    DeletionProtection: input.DeletionProtection ?? "INACTIVE",
    LambdaConfig: input.LambdaConfig ?? {},
    AutoVerifiedAttributes: input.AutoVerifiedAttributes,
    SmsVerificationMessage: template.SmsMessage,
    EmailVerificationMessage: template.EmailMessage,
    EmailVerificationSubject: template.EmailSubject,
    VerificationMessageTemplate: template,
    SmsAuthenticationMessage: input.SmsAuthenticationMessage,
    UserAttributeUpdateSettings: input.UserAttributeUpdateSettings,
    MfaConfiguration: input.MfaConfiguration ?? "OFF",
    DeviceConfiguration: input.DeviceConfiguration,
    EmailConfiguration: emailConfiguration(input.EmailConfiguration),
    SmsConfiguration: input.SmsConfiguration,
    AdminCreateUserConfig: adminCreateUserConfig(input.AdminCreateUserConfig),
    UserPoolAddOns: input.UserPoolAddOns,
    AccountRecoverySetting: input.AccountRecoverySetting,
    UserPoolTier: input.UserPoolTier ?? (tierWhenOmitted as PoolRecord["UserPoolTier"]),
  });
}

/**
 * Threat protection (either mode, for standard or custom authentication) is a feature of the Plus plan;
 * Cognito refuses it in the others with this wording (hashicorp/terraform-provider-aws#40734).
 */
function validateThreatProtectionTier(input: SettingsInput, tier: string): void {
  if (tier === "PLUS") return;
  const addOns = input.UserPoolAddOns;
  const active = addOns?.AdvancedSecurityMode === "AUDIT" || addOns?.AdvancedSecurityMode === "ENFORCED" || addOns?.AdvancedSecurityAdditionalFlows?.CustomAuthMode !== undefined;
  if (active) throw FeatureUnavailableInTier(`The following features need to be disabled for the ${tier} pricing tier configured: Threat Protection`);
}

/** Attributes that must be verified before an update takes effect have to be ones Cognito verifies. */
function validateAttributeUpdateSettings(input: SettingsInput): void {
  const requireVerification = input.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  const autoVerified = input.AutoVerifiedAttributes ?? [];
  if (requireVerification.some((attribute) => !autoVerified.includes(attribute))) {
    throw InvalidParameter("All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes");
  }
}

function policies(given: UserPoolPolicyType | undefined): UserPoolPolicyType {
  return {
    PasswordPolicy: passwordPolicy(given?.PasswordPolicy),
    SignInPolicy: given?.SignInPolicy ?? { AllowedFirstAuthFactors: ["PASSWORD"] },
  };
}

/** A policy given in part keeps what it says: unstated requirements are off, as in Cognito. */
function passwordPolicy(given: PasswordPolicyType | undefined): PasswordPolicyType {
  if (!given) return { ...DEFAULT_PASSWORD_POLICY };
  return withoutUndefined({
    MinimumLength: given.MinimumLength ?? DEFAULT_MINIMUM_LENGTH,
    RequireUppercase: given.RequireUppercase ?? false,
    RequireLowercase: given.RequireLowercase ?? false,
    RequireNumbers: given.RequireNumbers ?? false,
    RequireSymbols: given.RequireSymbols ?? false,
    PasswordHistorySize: given.PasswordHistorySize,
    // 0 means "not set" to Cognito.
    TemporaryPasswordValidityDays: given.TemporaryPasswordValidityDays || DEFAULT_TEMPORARY_PASSWORD_DAYS,
  });
}

/** The legacy top-level message fields and the template describe the same messages; each fills the other. */
function verificationTemplate(input: SettingsInput): VerificationMessageTemplateType {
  const given = withoutUndefined(input.VerificationMessageTemplate ?? {});
  return withoutUndefined({
    SmsMessage: given.SmsMessage ?? input.SmsVerificationMessage,
    EmailMessage: given.EmailMessage ?? input.EmailVerificationMessage,
    EmailSubject: given.EmailSubject ?? input.EmailVerificationSubject,
    EmailMessageByLink: given.EmailMessageByLink,
    EmailSubjectByLink: given.EmailSubjectByLink,
    DefaultEmailOption: given.DefaultEmailOption ?? "CONFIRM_WITH_CODE",
  });
}

function emailConfiguration(given: EmailConfigurationType | undefined): EmailConfigurationType {
  return { EmailSendingAccount: "COGNITO_DEFAULT", ...withoutUndefined(given ?? {}) };
}

function adminCreateUserConfig(given: AdminCreateUserConfigType | undefined): AdminCreateUserConfigType {
  return { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7, ...withoutUndefined(given ?? {}) };
}
