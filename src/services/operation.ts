import type { Services } from "./services";

/** What the request log reports of a request besides its operation and outcome. */
export interface LogFields {
  userPoolId?: string;
  username?: string;
  clientId?: string;
  identityPoolId?: string;
}

/** What a handler knows of its request: never HTTP, only where it is addressed and the emulator's services. */
export interface OperationContext {
  region: string;
  requestId: string;
  services: Services;
  /**
   * What the request log reports. The input's UserPoolId, Username, ClientId and IdentityPoolId are
   * filled in before the handler runs (see `operation`); a handler sets only what it learns beyond its
   * input — the pool of a client or token, the user behind an access token or a sign-in's USERNAME.
   */
  logFields: LogFields;
  sourceIp?: string;
  /** The access key id of the SigV4 signature, when signed (STS tells who is calling from it). */
  accessKeyId?: string;
  /** Raw request headers, for the few operations that read them (e.g. SessionToken of STS callers). */
  headers: Record<string, string | string[] | undefined>;
}

export type OperationHandler<I = any, O = any> = (input: I, ctx: OperationContext) => O | Promise<O>;

/** Input members the request log reports, by the name every operation's model gives them. */
const LOGGED_MEMBERS = [
  ["UserPoolId", "userPoolId"],
  ["Username", "username"],
  ["ClientId", "clientId"],
  ["IdentityPoolId", "identityPoolId"],
] as const satisfies ReadonlyArray<readonly [string, keyof LogFields]>;

/** Copies the logged members of an input into the context's log fields. */
export function logInput(input: unknown, fields: LogFields): void {
  if (!input || typeof input !== "object") return;
  const record = input as Record<string, unknown>;
  for (const [member, field] of LOGGED_MEMBERS) {
    const value = record[member];
    if (typeof value === "string") fields[field] = value;
  }
}

/**
 * Declares an operation handler; each file in an `operations/` folder default-exports one. The
 * declared handler copies its input's pool, user, client and identity pool into the log fields before
 * it runs, so a test calling the handler itself sees what the invoke path logs.
 */
export function operation<I, O>(handler: OperationHandler<I, O>): OperationHandler<I, O> {
  return (input, ctx) => {
    logInput(input, ctx.logFields);
    return handler(input, ctx);
  };
}
