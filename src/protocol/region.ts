import type { IncomingMessage } from "node:http";
import type { Caller } from "../services/invoke";

/**
 * The region a request is addressed to: the SDKs sign every call, and the SigV4 credential scope
 * (`Credential=AKID/20240101/eu-west-1/cognito-idp/aws4_request`) names it. Signatures are not checked.
 */
export function regionFromAuthorization(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\//.exec(authorization);
  return match?.[1];
}

/** Presigned or query-signed requests carry the scope in X-Amz-Credential instead. */
export function regionFromCredentialParameter(credential: string | undefined): string | undefined {
  if (!credential) return undefined;
  return credential.split("/")[2] || undefined;
}

/** The access key id of a SigV4 Authorization header. */
export function accessKeyFromAuthorization(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  return /Credential=([^/,\s]+)\//.exec(authorization)?.[1];
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
