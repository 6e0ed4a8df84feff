import { createHash } from "node:crypto";
import type { CustomDomainConfigType, DomainDescriptionType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, validationMessage } from "../../../errors";
import { DOMAIN_PREFIX_PATTERN } from "../../../protocol/validate";
import type { Services } from "../../services";
import { withoutUndefined } from "./pools";
import type { DomainRecord, PoolRecord } from "./records";

/** A domain as the API manages it; fixtures store only the first two members, the rest default. */
export type StoredDomain = DomainRecord & {
  CustomDomainConfig?: CustomDomainConfigType;
  /** 1: classic hosted UI, 2: managed login. */
  ManagedLoginVersion?: number;
  CreationDate?: number;
};

/** Prefixes may not contain these words. */
const RESERVED_WORDS = ["aws", "amazon", "cognito"];

export interface DomainInput {
  Domain: string;
  CustomDomainConfig?: CustomDomainConfigType;
  ManagedLoginVersion?: number;
}

/** The domain a pool serves its hosted UI on, if any. */
export function domainOfPool(services: Services, poolId: string): StoredDomain | undefined {
  return services.tables.domains.findOneBy("byPool", poolId) as StoredDomain | undefined;
}

/** CreateUserPoolDomain: one domain per pool, each prefix (or custom name) taken once across pools. */
export function createDomain(services: Services, pool: PoolRecord, input: DomainInput): StoredDomain {
  return addDomain(
    services,
    pool,
    withoutUndefined({
      UserPoolId: pool.Id,
      Domain: input.Domain,
      CustomDomainConfig: input.CustomDomainConfig,
      ManagedLoginVersion: input.ManagedLoginVersion ?? 1,
      CreationDate: services.clock.now(),
    }),
  );
}

/** A fixture's `Domain` (a prefix, or a custom domain with its certificate), recorded exactly as CreateUserPoolDomain records it. */
export function defineDomain(services: Services, pool: PoolRecord, domain: string, managedLoginVersion?: number, customDomainConfig?: CustomDomainConfigType): StoredDomain {
  return createDomain(services, pool, { Domain: domain, ManagedLoginVersion: managedLoginVersion, CustomDomainConfig: customDomainConfig });
}

function addDomain(services: Services, pool: PoolRecord, record: StoredDomain): StoredDomain {
  const { domains } = services.tables;
  const custom = record.CustomDomainConfig !== undefined;
  if (!custom && record.Domain.includes(".")) {
    // Dots make a custom domain, which needs its certificate: a prefix is one label, as the model's pattern says.
    throw InvalidParameter(validationMessage([`Value '${record.Domain}' at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: ${DOMAIN_PREFIX_PATTERN}`]));
  }
  if (domainOfPool(services, pool.Id)) throw InvalidParameter("User pool already has a domain configured.");
  if (domains.has(record.Domain)) throw InvalidParameter("Domain already associated with another user pool.");
  if (!custom) {
    const reserved = RESERVED_WORDS.find((word) => record.Domain.includes(word));
    if (reserved) throw InvalidParameter(`Domain cannot contain reserved word: ${reserved}`);
  }
  domains.put(record.Domain, record);
  setPoolDomain(services, pool.Id, custom ? { CustomDomain: record.Domain } : { Domain: record.Domain });
  return record;
}

/** UpdateUserPoolDomain changes the branding version or a custom domain's certificate. */
export function updateDomain(services: Services, pool: PoolRecord, input: DomainInput): StoredDomain {
  const existing = requirePoolDomain(services, pool, input.Domain);
  const record: StoredDomain = withoutUndefined({
    ...existing,
    CustomDomainConfig: input.CustomDomainConfig ?? existing.CustomDomainConfig,
    ManagedLoginVersion: input.ManagedLoginVersion ?? existing.ManagedLoginVersion,
  });
  services.tables.domains.put(input.Domain, record);
  return record;
}

export function deleteDomain(services: Services, pool: PoolRecord, domain: string): void {
  const existing = requirePoolDomain(services, pool, domain);
  services.tables.domains.delete(domain);
  setPoolDomain(services, pool.Id, existing.CustomDomainConfig ? { CustomDomain: undefined } : { Domain: undefined });
}

/** DescribeUserPoolDomain's view; an unknown domain describes as an empty object, as Cognito's does. */
export function describeDomain(services: Services, domain: string): DomainDescriptionType {
  const record = services.tables.domains.get(domain) as StoredDomain | undefined;
  const pool = record && services.tables.pools.get(record.UserPoolId);
  if (!record || !pool) return {};
  return withoutUndefined({
    UserPoolId: record.UserPoolId,
    AWSAccountId: services.options.accountId,
    Domain: record.Domain,
    S3Bucket: `aws-cognito-prod-${pool.Region}-assets`,
    CloudFrontDistribution: cloudFrontDomain(record, pool.Region),
    Version: String(record.CreationDate ?? 0),
    Status: "ACTIVE",
    CustomDomainConfig: record.CustomDomainConfig,
    ManagedLoginVersion: record.ManagedLoginVersion ?? 1,
  });
}

/**
 * Where the domain would be served: a prefix domain's own host name, or for a custom domain a stable
 * made-up CloudFront host. The emulator itself serves every pool's endpoints on its own base URL.
 */
export function cloudFrontDomain(record: StoredDomain, region: string): string {
  if (!record.CustomDomainConfig) return `${record.Domain}.auth.${region}.amazoncognito.com`;
  return `d${createHash("sha256").update(record.Domain).digest("hex").slice(0, 13)}.cloudfront.net`;
}

function requirePoolDomain(services: Services, pool: PoolRecord, domain: string): StoredDomain {
  const record = services.tables.domains.get(domain) as StoredDomain | undefined;
  if (!record || record.UserPoolId !== pool.Id) throw InvalidParameter("No such domain or user pool exists.");
  return record;
}

function setPoolDomain(services: Services, poolId: string, change: Partial<Pick<PoolRecord, "Domain" | "CustomDomain">>): void {
  const pool = services.tables.pools.get(poolId);
  if (!pool) return;
  services.tables.pools.put(poolId, withoutUndefined({ ...pool, ...change }));
}
