import type { AssetType, ManagedLoginBrandingType, UICustomizationType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, ResourceNotFound, ServiceError } from "../../../errors";
import { uuid } from "../../../ids";
import type { Services } from "../../services";
import { domainOfPool } from "./domains";
import { withoutUndefined } from "./pools";
import type { PoolRecord } from "./records";
import { clientRef, managedLoginBrandings, uiCustomizationKey, uiCustomizations } from "./tables";

/** The pool-wide customization is stored under this client id, as Cognito names it. */
export const ALL_CLIENTS = "ALL";

/** The classic hosted UI's look, per pool (`ALL`) or per client; keyed `<poolId>/<clientId>`. */
export interface UiCustomizationRecord {
  UserPoolId: string;
  ClientId: string;
  CSS?: string;
  CSSVersion?: string;
  /** The logo, base64, and its file type. */
  Image?: string;
  ImageType?: "png" | "jpeg";
  CreationDate: number;
  LastModifiedDate: number;
}

/** Managed login's look (version 2 domains), one per client; keyed by id. Asset bytes stay base64. */
export interface BrandingRecord {
  ManagedLoginBrandingId: string;
  UserPoolId: string;
  ClientId: string;
  UseCognitoProvidedValues: boolean;
  Settings?: Record<string, unknown>;
  Assets: StoredAsset[];
  CreationDate: number;
  LastModifiedDate: number;
}

export type StoredAsset = Omit<AssetType, "Bytes"> & { Bytes?: string };

/** The only classes the classic hosted UI lets a pool style. */
const CUSTOMIZABLE_CLASSES = new Set([
  "background-customizable",
  "banner-customizable",
  "errorMessage-customizable",
  "idpButton-customizable",
  "idpButton-customizable:hover",
  "idpDescription-customizable",
  "inputField-customizable",
  "inputField-customizable:focus",
  "label-customizable",
  "legalText-customizable",
  "logo-customizable",
  "passwordCheck-notValid-customizable",
  "passwordCheck-valid-customizable",
  "redirect-customizable",
  "socialButton-customizable",
  "submitButton-customizable",
  "submitButton-customizable:hover",
  "textDescription-customizable",
]);

function tablesOf(services: Services) {
  return { customizations: uiCustomizations.open(services), brandings: managedLoginBrandings.open(services) };
}

const customizationKey = (poolId: string, clientId: string | undefined) => uiCustomizationKey(poolId, clientId ?? ALL_CLIENTS);

/**
 * SetUICustomization: CSS limited to Cognito's customizable classes, a PNG or JPEG logo. Setting neither
 * removes the customization. The pool needs a domain first.
 */
export function setUiCustomization(services: Services, pool: PoolRecord, clientId: string | undefined, css: string | undefined, imageBase64: string | undefined): UiCustomizationRecord {
  if (!domainOfPool(services, pool.Id)) throw InvalidParameter("There has to be an existing domain associated with this user pool");
  const { customizations } = tablesOf(services);
  const key = customizationKey(pool.Id, clientId);
  const now = services.clock.now();
  const existing = customizations.get(key);
  const record: UiCustomizationRecord = withoutUndefined({
    UserPoolId: pool.Id,
    ClientId: clientId ?? ALL_CLIENTS,
    CreationDate: existing?.CreationDate ?? now,
    LastModifiedDate: now,
  });
  if (css === undefined && imageBase64 === undefined) {
    customizations.delete(key);
    return record;
  }
  if (css !== undefined) {
    checkCss(css);
    Object.assign(record, { CSS: css, CSSVersion: String(now) });
  }
  if (imageBase64 !== undefined) Object.assign(record, { Image: imageBase64, ImageType: imageType(Buffer.from(imageBase64, "base64")) });
  customizations.put(key, record);
  return record;
}

/** What applies to a client: its own customization, else the pool's. */
export function effectiveUiCustomization(services: Services, poolId: string, clientId: string | undefined): UiCustomizationRecord | undefined {
  const { customizations } = tablesOf(services);
  return (clientId ? customizations.get(customizationKey(poolId, clientId)) : undefined) ?? customizations.get(customizationKey(poolId, undefined));
}

/** The customization stored for exactly this client (`ALL` for the pool's), not falling back. */
export function uiCustomizationOf(services: Services, poolId: string, clientId: string): UiCustomizationRecord | undefined {
  return tablesOf(services).customizations.get(customizationKey(poolId, clientId));
}

/** A pool's customizations, in the order they were first set. */
export function uiCustomizationsOfPool(services: Services, poolId: string): UiCustomizationRecord[] {
  const { customizations } = tablesOf(services);
  return customizations.keysBy("byPool", poolId).map((key) => customizations.get(key)!);
}

/** Removes one customization, whether or not the pool still has a domain; false when there was none. */
export function deleteUiCustomization(services: Services, poolId: string, clientId: string): boolean {
  return tablesOf(services).customizations.delete(customizationKey(poolId, clientId));
}

/** Where the emulator serves a customization's logo (the hosted UI's routes answer it). */
export function logoPath(record: Pick<UiCustomizationRecord, "UserPoolId" | "ClientId" | "ImageType" | "LastModifiedDate">): string {
  return `/hosted-ui/assets/${record.UserPoolId}/${record.ClientId}/logo.${record.ImageType === "jpeg" ? "jpg" : "png"}?v=${record.LastModifiedDate}`;
}

/** GetUICustomization's view, the logo's URL on the emulator's own base URL. */
export function describeUiCustomization(services: Services, record: UiCustomizationRecord | undefined, poolId: string, clientId: string | undefined): UICustomizationType {
  if (!record) return { UserPoolId: poolId, ClientId: clientId ?? ALL_CLIENTS };
  return withoutUndefined({
    UserPoolId: record.UserPoolId,
    ClientId: clientId ?? record.ClientId,
    ImageUrl: record.Image ? `${services.baseUrl()}${logoPath(record)}` : undefined,
    CSS: record.CSS,
    CSSVersion: record.CSSVersion,
    LastModifiedDate: new Date(record.LastModifiedDate),
    CreationDate: new Date(record.CreationDate),
  });
}

export interface BrandingInput {
  UseCognitoProvidedValues?: boolean;
  Settings?: Record<string, unknown>;
  Assets?: StoredAsset[];
}

export function createBranding(services: Services, pool: PoolRecord, clientId: string, input: BrandingInput, fixed: { ManagedLoginBrandingId?: string } = {}): BrandingRecord {
  const { brandings } = tablesOf(services);
  if (brandings.findOneBy("byClient", clientRef({ UserPoolId: pool.Id, ClientId: clientId }))) {
    throw new ServiceError("ManagedLoginBrandingExistsException", `Managed login branding already exists for app client ${clientId}.`);
  }
  checkBrandingInput(input);
  const now = services.clock.now();
  const record: BrandingRecord = withoutUndefined({
    ManagedLoginBrandingId: fixed.ManagedLoginBrandingId ?? uuid(),
    UserPoolId: pool.Id,
    ClientId: clientId,
    UseCognitoProvidedValues: input.UseCognitoProvidedValues ?? input.Settings === undefined,
    Settings: input.Settings,
    Assets: input.Assets ?? [],
    CreationDate: now,
    LastModifiedDate: now,
  });
  brandings.put(record.ManagedLoginBrandingId, record);
  return record;
}

export function requireBranding(services: Services, poolId: string, id: string): BrandingRecord {
  const record = tablesOf(services).brandings.get(id);
  if (!record || record.UserPoolId !== poolId) throw ResourceNotFound(`Managed login branding ${id} does not exist.`);
  return record;
}

export function brandingById(services: Services, id: string): BrandingRecord | undefined {
  return tablesOf(services).brandings.get(id);
}

export function brandingOfClient(services: Services, poolId: string, clientId: string): BrandingRecord | undefined {
  return tablesOf(services).brandings.findOneBy("byClient", clientRef({ UserPoolId: poolId, ClientId: clientId }));
}

/** UpdateManagedLoginBranding: what is given replaces what was; UseCognitoProvidedValues drops the custom settings. */
export function updateBranding(services: Services, record: BrandingRecord, input: BrandingInput): BrandingRecord {
  checkBrandingInput(input);
  const useDefaults = input.UseCognitoProvidedValues ?? (input.Settings !== undefined ? false : record.UseCognitoProvidedValues);
  const updated: BrandingRecord = withoutUndefined({
    ...record,
    UseCognitoProvidedValues: useDefaults,
    Settings: useDefaults ? undefined : (input.Settings ?? record.Settings),
    Assets: input.Assets ?? record.Assets,
    LastModifiedDate: services.clock.now(),
  });
  tablesOf(services).brandings.put(record.ManagedLoginBrandingId, updated);
  return updated;
}

export function deleteBranding(services: Services, record: BrandingRecord): void {
  tablesOf(services).brandings.delete(record.ManagedLoginBrandingId);
}

export function describeBranding(record: BrandingRecord): ManagedLoginBrandingType {
  return withoutUndefined({
    ManagedLoginBrandingId: record.ManagedLoginBrandingId,
    UserPoolId: record.UserPoolId,
    UseCognitoProvidedValues: record.UseCognitoProvidedValues,
    Settings: record.Settings as ManagedLoginBrandingType["Settings"],
    Assets: record.Assets as unknown as AssetType[],
    CreationDate: new Date(record.CreationDate),
    LastModifiedDate: new Date(record.LastModifiedDate),
  });
}

function checkBrandingInput(input: BrandingInput): void {
  if (input.UseCognitoProvidedValues && input.Settings !== undefined) {
    throw InvalidParameter("Settings cannot be provided when UseCognitoProvidedValues is true.");
  }
  const seen = new Set<string>();
  for (const asset of input.Assets ?? []) {
    const key = `${asset.Category}/${asset.ColorMode}`;
    if (seen.has(key)) throw InvalidParameter(`Duplicate asset for category ${asset.Category} and color mode ${asset.ColorMode}.`);
    seen.add(key);
  }
}

/**
 * Only rule sets whose selectors are customizable classes, so the CSS cannot restyle the page at large.
 * Scanned by hand rather than with a regular expression: a rule-matching regex backtracks quadratically
 * on brace-less text, and the CSS may be 131,072 characters long.
 */
export function checkCss(css: string): void {
  const text = withoutComments(css);
  let consumed = "";
  let at = 0;
  while (at < text.length) {
    // A rule: selectors (at least one character, no brace), "{", declarations (no brace), "}".
    const open = nextBrace(text, at);
    if (open === -1) break;
    if (text[open] !== "{" || open === at) {
      at = open + 1;
      continue;
    }
    const close = nextBrace(text, open + 1);
    if (close === -1) break;
    if (text[close] !== "}") {
      at = open + 1;
      continue;
    }
    consumed += text.slice(at, close + 1);
    for (const selector of text.slice(at, open).split(",").map((s) => s.trim())) {
      if (!selector.startsWith(".") || !CUSTOMIZABLE_CLASSES.has(selector.slice(1))) {
        throw InvalidParameter(`${selector} is not a valid class name. Only the classes of the hosted UI can be customized.`);
      }
    }
    if (/<|@import|url\s*\(\s*['"]?javascript:/i.test(text.slice(open + 1, close))) throw InvalidParameter("The CSS contains a value that is not allowed.");
    at = close + 1;
  }
  if (text.replace(/\s/g, "").length !== consumed.replace(/\s/g, "").length) throw InvalidParameter("The CSS could not be parsed.");
}

/** The CSS without its closed comments; an unclosed one stays as text. */
function withoutComments(css: string): string {
  let kept = "";
  let from = 0;
  for (;;) {
    const start = css.indexOf("/*", from);
    const end = start === -1 ? -1 : css.indexOf("*/", start + 2);
    if (end === -1) return kept + css.slice(from);
    kept += css.slice(from, start);
    from = end + 2;
  }
}

function nextBrace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x7b || code === 0x7d) return i;
  }
  return -1;
}

function imageType(bytes: Buffer): "png" | "jpeg" {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "jpeg";
  throw InvalidParameter("The image file must be a PNG or JPEG image.");
}
