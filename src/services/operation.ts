import type { Services } from "./services";

/** What a handler knows of its request: never HTTP, only where it is addressed and the emulator's services. */
export interface OperationContext {
  region: string;
  requestId: string;
  services: Services;
  /** Facts the request log reports (pool, user), filled in by handlers as they learn them. */
  logFields: { userPoolId?: string; username?: string };
  sourceIp?: string;
  /** The access key id of the SigV4 signature, when signed (STS tells who is calling from it). */
  accessKeyId?: string;
  /** Raw request headers, for the few operations that read them (e.g. SessionToken of STS callers). */
  headers: Record<string, string | string[] | undefined>;
}

export type OperationHandler<I = any, O = any> = (input: I, ctx: OperationContext) => O | Promise<O>;

/** Declares an operation handler; each file in an `operations/` folder default-exports one. */
export function operation<I, O>(handler: OperationHandler<I, O>): OperationHandler<I, O> {
  return handler;
}
