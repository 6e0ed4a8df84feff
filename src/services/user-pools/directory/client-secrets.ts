import type { ClientSecretDescriptorType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, LimitExceeded, ResourceNotFound } from "../../../errors";
import { clientSecret as newClientSecret } from "../../../ids";
import type { Services } from "../../services";
import type { ClientRecord, ClientSecretEntry } from "./records";

/** A confidential client holds at most two secrets, so that one can replace the other without downtime. */
export const MAX_CLIENT_SECRETS = 2;

export type { ClientSecretEntry } from "./records";


/** Every secret the client accepts for SECRET_HASH and client authentication; none for a public client. */
export function clientSecrets(client: ClientRecord): string[] {
  return secretEntries(client).map((entry) => entry.ClientSecretValue);
}

/** AddUserPoolClientSecret: a secret given (24–64 word characters, checked by the model) or a generated one. */
export function addClientSecret(services: Services, client: ClientRecord, given?: string): { client: ClientRecord; added: ClientSecretEntry } {
  const entries = secretEntries(client);
  if (entries.length === 0) throw InvalidParameter(`Client ${client.ClientId} is a public client without a client secret.`);
  if (entries.length >= MAX_CLIENT_SECRETS) {
    throw LimitExceeded(`Client ${client.ClientId} already has the maximum of ${MAX_CLIENT_SECRETS} client secrets.`);
  }
  if (given !== undefined && entries.some((entry) => entry.ClientSecretValue === given)) {
    throw InvalidParameter(`Client ${client.ClientId} already has this client secret.`);
  }
  // Ids carry the creation time, so two secrets never share a millisecond.
  const created = Math.max(services.clock.now(), ...entries.map((entry) => entry.ClientSecretCreateDate + 1));
  const added: ClientSecretEntry = {
    ClientSecretId: secretId(client.ClientId, created),
    ClientSecretValue: given ?? newClientSecret(),
    ClientSecretCreateDate: created,
  };
  return { client: writeSecrets(services, client, [...entries, added]), added };
}

/** DeleteUserPoolClientSecret: any secret but the last one. */
export function deleteClientSecret(services: Services, client: ClientRecord, secretIdToDelete: string): ClientRecord {
  const entries = secretEntries(client);
  if (!entries.some((entry) => entry.ClientSecretId === secretIdToDelete)) {
    throw ResourceNotFound(`Client secret ${secretIdToDelete} does not exist for client ${client.ClientId}.`);
  }
  if (entries.length === 1) throw InvalidParameter("The last client secret of an app client cannot be deleted.");
  return writeSecrets(services, client, entries.filter((entry) => entry.ClientSecretId !== secretIdToDelete));
}

/**
 * The client's secrets oldest first; the one it was created with counts from the client's creation.
 * A list without ClientSecret predates a secret replaced some other way (a fixture reload): ClientSecret wins.
 */
export function secretEntries(client: ClientRecord): ClientSecretEntry[] {
  if (!client.ClientSecret) return [];
  const listed = client.ClientSecrets ?? [];
  if (listed.some((entry) => entry.ClientSecretValue === client.ClientSecret)) return listed;
  return [{ ClientSecretId: secretId(client.ClientId, client.CreationDate), ClientSecretValue: client.ClientSecret, ClientSecretCreateDate: client.CreationDate }];
}

/** The API view; the value only when Cognito generated it and only in the answer to adding it. */
export function describeClientSecret(entry: ClientSecretEntry, withValue = false): ClientSecretDescriptorType {
  return {
    ClientSecretId: entry.ClientSecretId,
    ...(withValue ? { ClientSecretValue: entry.ClientSecretValue } : {}),
    ClientSecretCreateDate: new Date(entry.ClientSecretCreateDate),
  };
}

function writeSecrets(services: Services, client: ClientRecord, entries: ClientSecretEntry[]): ClientRecord {
  const updated: ClientRecord = {
    ...client,
    ClientSecret: entries[0].ClientSecretValue,
    ClientSecrets: entries,
    LastModifiedDate: services.clock.now(),
  };
  services.tables.clients.put(client.ClientId, updated);
  return updated;
}

function secretId(clientId: string, created: number): string {
  return `${clientId}--${created}`;
}
