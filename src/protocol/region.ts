import type { IncomingMessage } from "node:http";
import type { Caller } from "../services/invoke";

/**
 * The region a request is addressed to: the SDKs sign every call, and the SigV4 credential scope
 * (`Credential=AKID/20240101/eu-west-1/cognito-idp/aws4_request`) names it. Signatures are not checked.
 */
export function regionFromAuthorization(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const scope = /\/\d{8}\/([a-z0-9-]+)\//y;
  for (const { end } of credentialValues(authorization)) {
    scope.lastIndex = end;
    const match = scope.exec(authorization);
    if (match) return match[1];
  }
  return undefined;
}

/** Presigned or query-signed requests carry the scope in X-Amz-Credential instead. */
export function regionFromCredentialParameter(credential: string | undefined): string | undefined {
  if (!credential) return undefined;
  return credential.split("/")[2] || undefined;
}

/** The access key id of a SigV4 Authorization header. */
export function accessKeyFromAuthorization(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  for (const { key, end } of credentialValues(authorization)) if (authorization[end] === "/") return key;
  return undefined;
}

const CREDENTIAL = "Credential=";

/**
 * Each `Credential=` value (up to the next '/', ',' or whitespace) and where it ends, found in one pass:
 * the obvious regular expression rescans the rest of the header for every `Credential=` in it, and
 * every request's header is read. An occurrence inside the previous value ends where it does, so it
 * can match nothing the earlier one did not.
 */
function* credentialValues(header: string): Generator<{ key: string; end: number }> {
  let previousEnd = -1;
  for (let at = header.indexOf(CREDENTIAL); at !== -1; at = header.indexOf(CREDENTIAL, at + 1)) {
    const start = at + CREDENTIAL.length;
    if (start <= previousEnd) continue;
    let end = start;
    while (end < header.length && !isScopeEnd(header.charCodeAt(end))) end++;
    previousEnd = end;
    if (end > start) yield { key: header.slice(start, end), end };
  }
}

/** '/', ',' or what /\s/ matches. */
function isScopeEnd(code: number): boolean {
  if (code > 0x20 && code < 0x7f) return code === 0x2f || code === 0x2c;
  return /\s/.test(String.fromCharCode(code));
}

/** The caller of a signed AWS request: region and key from its SigV4 scope, the rest from the socket and headers. */
export function callerOf(req: IncomingMessage, defaultRegion: string, requestId: string): Caller {
  const authorization = req.headers.authorization;
  return {
    region: regionFromAuthorization(authorization) ?? defaultRegion,
    requestId,
    sourceIp: req.socket.remoteAddress,
    accessKeyId: accessKeyFromAuthorization(authorization),
    headers: req.headers,
  };
}
