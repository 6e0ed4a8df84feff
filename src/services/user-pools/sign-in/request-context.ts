import { isIP } from "node:net";
import type { ContextDataType, EventContextDataType, UserContextDataType } from "@aws-sdk/client-cognito-identity-provider";
import ipaddr from "ipaddr.js";
import type { ClientRecord } from "../directory/records";

/**
 * Where a request comes from, as threat protection judges it: the user's address, what identifies their
 * browser or app between sign-ins, and the context AdminListUserAuthEvents shows.
 */
export interface RequestContext {
  /** Normalized (IPv4-mapped IPv6 as IPv4, IPv6 compressed), so that lists and ranges compare. */
  ipAddress?: string;
  /** The device fingerprint: the collector's DeviceId when readable, else the User-Agent. */
  device?: string;
  event: EventContextDataType;
}

type Headers = Record<string, string | string[] | undefined>;

/** What a fingerprint may carry; longer values are cut (the whole is bounded by MAX_ENCODED). */
const MAX_FIELD = 256;
const MAX_ENCODED = 8192;
const READABLE_FIELDS = ["DeviceName", "Timezone", "City", "Country"] as const;

/**
 * The context of a call that a client makes for its user (InitiateAuth, RespondToAuthChallenge, SignUp,
 * ...). Cognito takes `UserContextData.IpAddress` only from clients with
 * EnablePropagateAdditionalUserContextData (model: UserPoolClientType); otherwise the request's source.
 */
export function userRequestContext(client: ClientRecord, sourceIp: string | undefined, headers: Headers, data: UserContextDataType | undefined): RequestContext {
  const given = client.EnablePropagateAdditionalUserContextData ? address(data?.IpAddress) : undefined;
  return build(given ?? address(sourceIp), header(headers, "user-agent"), data?.EncodedData);
}

/**
 * AdminInitiateAuth and AdminRespondToAuthChallenge come from the app's server: `ContextData` tells the
 * user's address and headers; without it Cognito sees only the server.
 */
export function adminRequestContext(sourceIp: string | undefined, headers: Headers, data: ContextDataType | undefined): RequestContext {
  if (!data) return build(address(sourceIp), header(headers, "user-agent"), undefined);
  const userAgent = data.HttpHeaders?.find((h) => h.headerName?.toLowerCase() === "user-agent")?.headerValue;
  return build(address(data.IpAddress) ?? address(sourceIp), userAgent, data.EncodedData);
}

/** A request that carries no context data (ChangePassword, the hosted UI's pages). */
export function sourceRequestContext(sourceIp: string | undefined, headers: Headers): RequestContext {
  return build(address(sourceIp), header(headers, "user-agent"), undefined);
}

/** A valid address, normalized; anything else is left out and the request's source stands in. */
export function address(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bare = value.trim();
  if (isIP(bare) === 0) return undefined;
  return ipaddr.process(bare).toString();
}

/** Whether `ip` falls in one of the CIDR ranges (already validated by SetRiskConfiguration). */
export function inRanges(ip: string | undefined, ranges: readonly string[] | undefined): boolean {
  if (!ip || !ranges?.length) return false;
  const parsed = ipaddr.process(ip);
  return ranges.some((range) => {
    const [network, bits] = ipaddr.parseCIDR(range);
    // An IPv4 range also covers the IPv4-mapped form, which process() already unwrapped.
    return network.kind() === parsed.kind() && parsed.match(network, bits);
  });
}

function build(ipAddress: string | undefined, userAgent: string | undefined, encoded: string | undefined): RequestContext {
  const readable = readEncodedData(encoded);
  const agent = userAgent?.slice(0, MAX_FIELD);
  const device = readable.DeviceId ?? (agent ? `ua:${agent}` : undefined);
  const deviceName = readable.DeviceName ?? productOf(agent);
  const event: EventContextDataType = {};
  if (ipAddress) event.IpAddress = ipAddress;
  if (deviceName) event.DeviceName = deviceName;
  if (readable.Timezone) event.Timezone = readable.Timezone;
  if (readable.City) event.City = readable.City;
  if (readable.Country) event.Country = readable.Country;
  return { ipAddress, device: device ? device : undefined, event };
}

/**
 * `EncodedData` from Cognito's own collector is encrypted for Cognito and changes with every call, so it
 * cannot identify a device here. A test (or an app stubbing `AmazonCognitoAdvancedSecurityData`) may
 * instead send a JSON object, plain or base64: its `DeviceId` identifies the device and its
 * `DeviceName`, `Timezone`, `City` and `Country` show in the user's auth events.
 */
export function readEncodedData(encoded: string | undefined): Partial<Record<(typeof READABLE_FIELDS)[number] | "DeviceId", string>> {
  if (!encoded || encoded.length > MAX_ENCODED) return {};
  const parsed = parseObject(encoded) ?? parseObject(Buffer.from(encoded, "base64").toString("utf8"));
  if (!parsed) return {};
  const out: Partial<Record<(typeof READABLE_FIELDS)[number] | "DeviceId", string>> = {};
  for (const field of [...READABLE_FIELDS, "DeviceId"] as const) {
    const value = parsed[field];
    if (typeof value === "string" && value) out[field] = value.slice(0, MAX_FIELD);
  }
  if (out.DeviceId) out.DeviceId = `id:${out.DeviceId}`;
  return out;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A short device name from a User-Agent: its first product ("aws-sdk-js/3.1169.0"), or for a browser's
 * ("Mozilla/5.0 (...) Firefox/128.0") its last one.
 */
function productOf(agent: string | undefined): string | undefined {
  const products = (agent ?? "").replace(/\([^()]*\)/g, " ").split(" ").filter(Boolean);
  if (!products.length) return undefined;
  return products[0].startsWith("Mozilla/") ? products[products.length - 1] : products[0];
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
