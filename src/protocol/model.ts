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
  document?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
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
