import type { CreateTermsRequest, TermsDescriptionType, TermsType, UpdateTermsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { ResourceNotFound, ServiceError } from "../../../errors";
import { uuid } from "../../../ids";
import type { Table } from "../../../store/table";
import type { Services } from "../../services";
import type { Ordering } from "./list-users";
import type { ClientRecord } from "./records";
import { termsDocuments, termsKey, termsNameKey } from "./tables";

/** Terms documents of an app client; keyed `<poolId>/<TermsId>`. */
export interface TermsRecord {
  TermsId: string;
  UserPoolId: string;
  ClientId: string;
  TermsName: string;
  TermsSource: string;
  Enforcement: string;
  Links: Record<string, string>;
  CreationDate: number;
  LastModifiedDate: number;
}

const TermsExists = (message: string) => new ServiceError("TermsExistsException", message);

/** A client has one document per TermsName (terms-of-use, privacy-policy), found by name. */
const termsTable = (services: Services) => termsDocuments.open(services);

export function createTerms(services: Services, client: ClientRecord, input: Omit<CreateTermsRequest, "UserPoolId" | "ClientId">): TermsRecord {
  const table = termsTable(services);
  refuseDuplicateName(table, client.UserPoolId, client.ClientId, input.TermsName!);
  const now = services.clock.now();
  const terms: TermsRecord = {
    TermsId: uuid(),
    UserPoolId: client.UserPoolId,
    ClientId: client.ClientId,
    TermsName: input.TermsName!,
    TermsSource: input.TermsSource!,
    Enforcement: input.Enforcement!,
    Links: { ...input.Links },
    CreationDate: now,
    LastModifiedDate: now,
  };
  table.put(termsKey(terms.UserPoolId, terms.TermsId), terms);
  return terms;
}

export function requireTerms(services: Services, poolId: string, termsId: string): TermsRecord {
  const terms = termsTable(services).get(termsKey(poolId, termsId));
  if (!terms) throw ResourceNotFound(`Terms ${termsId} do not exist in user pool ${poolId}.`);
  return terms;
}

/** UpdateTerms changes what the request names and keeps the rest. */
export function updateTerms(services: Services, terms: TermsRecord, input: UpdateTermsRequest): TermsRecord {
  const table = termsTable(services);
  if (input.TermsName !== undefined && input.TermsName !== terms.TermsName) refuseDuplicateName(table, terms.UserPoolId, terms.ClientId, input.TermsName);
  const updated: TermsRecord = {
    ...terms,
    TermsName: input.TermsName ?? terms.TermsName,
    TermsSource: input.TermsSource ?? terms.TermsSource,
    Enforcement: input.Enforcement ?? terms.Enforcement,
    Links: input.Links !== undefined ? { ...input.Links } : terms.Links,
    LastModifiedDate: services.clock.now(),
  };
  table.put(termsKey(terms.UserPoolId, terms.TermsId), updated);
  return updated;
}

export function deleteTerms(services: Services, terms: TermsRecord): void {
  termsTable(services).delete(termsKey(terms.UserPoolId, terms.TermsId));
}

export function termsInPool(services: Services, poolId: string): TermsRecord[] {
  return termsTable(services).findBy("byPool", poolId);
}

/** Listed oldest first, the id breaking ties: a stable order for paging. */
export const TERMS_ORDER: Ordering<TermsRecord> = { rank: (terms) => terms.CreationDate, tieBreak: (terms) => terms.TermsId };

/** TermsType's members in the model's order. */
export function toTermsType(terms: TermsRecord): TermsType {
  return {
    TermsId: terms.TermsId,
    UserPoolId: terms.UserPoolId,
    ClientId: terms.ClientId,
    TermsName: terms.TermsName,
    TermsSource: terms.TermsSource as TermsType["TermsSource"],
    Enforcement: terms.Enforcement as TermsType["Enforcement"],
    Links: { ...terms.Links },
    CreationDate: new Date(terms.CreationDate),
    LastModifiedDate: new Date(terms.LastModifiedDate),
  };
}

export function toTermsDescription(terms: TermsRecord): TermsDescriptionType {
  return {
    TermsId: terms.TermsId,
    TermsName: terms.TermsName,
    Enforcement: terms.Enforcement as TermsDescriptionType["Enforcement"],
    CreationDate: new Date(terms.CreationDate),
    LastModifiedDate: new Date(terms.LastModifiedDate),
  };
}

function refuseDuplicateName(table: Table<TermsRecord>, poolId: string, clientId: string, termsName: string): void {
  if (table.countBy("byClientAndName", termsNameKey(poolId, clientId, termsName)) > 0) {
    throw TermsExists(`Terms with the name ${termsName} already exist for client ${clientId}.`);
  }
}

