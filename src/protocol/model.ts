import cognitoIdp from "../models/cognito-idp.json";
import cognitoIdentity from "../models/cognito-identity.json";
import cognitoSync from "../models/cognito-sync.json";
import sts from "../models/sts.json";

/** A member reference inside a structure, list or map, as in the AWS service models. */
export interface MemberRef {
  shape: string;
  location?: string;
  locationName?: string;
  jsonvalue?: boolean;
  timestampFormat?: "iso8601" | "unixTimestamp" | "rfc822";
  idempotencyToken?: boolean;
}

export interface Shape {
  type: "structure" | "string" | "list" | "map" | "integer" | "long" | "boolean" | "blob" | "timestamp" | "double" | "float";
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  exception?: boolean;
  /** A server-side error (5xx); the others are the caller's. */
  fault?: boolean;
  document?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  timestampFormat?: "iso8601" | "unixTimestamp" | "rfc822";
}

export interface OperationModel {
  http?: { method: string; requestUri: string; responseCode?: number };
  input?: string;
  output?: string;
  errors: string[];
}

export interface ServiceModel {
  metadata: { protocol: string; apiVersion: string; endpointPrefix: string; targetPrefix?: string; xmlNamespace?: string };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

export const models = {
  "cognito-idp": cognitoIdp as unknown as ServiceModel,
  "cognito-identity": cognitoIdentity as unknown as ServiceModel,
  "cognito-sync": cognitoSync as unknown as ServiceModel,
  sts: sts as unknown as ServiceModel,
} as const;

export type ServiceName = keyof typeof models;

interface GeneratedModels {
  "cognito-idp": typeof cognitoIdp;
  "cognito-identity": typeof cognitoIdentity;
  "cognito-sync": typeof cognitoSync;
  sts: typeof sts;
}

/** The names of a service's operations, as the type checker reads them from the generated model. */
export type OperationName<S extends ServiceName> = Extract<keyof GeneratedModels[S]["operations"], string>;

/** The operation a wire name calls: own members only, so `constructor` or `__proto__` name nothing. */
export function operationOf(model: ServiceModel, name: string): OperationModel | undefined {
  return Object.hasOwn(model.operations, name) ? model.operations[name] : undefined;
}

const errorShapes = new WeakMap<ServiceModel, Map<string, Shape>>();

/**
 * The error shape an exception name stands for: by the wire code the shape declares (STS's
 * `InvalidIdentityToken` is the shape `InvalidIdentityTokenException`), else by the shape's name.
 */
export function errorShapeOf(model: ServiceModel, code: string): Shape | undefined {
  let byCode = errorShapes.get(model);
  if (!byCode) {
    byCode = new Map();
    for (const [name, shape] of Object.entries(model.shapes)) if (shape.exception) byCode.set(shape.error?.code ?? name, shape);
    errorShapes.set(model, byCode);
  }
  return byCode.get(code);
}

/**
 * The HTTP status and fault of an exception answered by `model`'s service: as its error shape declares
 * (status, or 500 for a server fault), else the status the error was raised with.
 */
export function errorStatus(model: ServiceModel | undefined, code: string, fallback: number): { status: number; server: boolean } {
  const shape = model && errorShapeOf(model, code);
  const status = shape?.error?.httpStatusCode ?? (shape?.fault ? 500 : fallback);
  return { status, server: shape ? shape.fault === true : status >= 500 };
}
