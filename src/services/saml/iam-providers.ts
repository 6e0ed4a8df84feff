import type { Services } from "../services";
import type { Table } from "../../store/table";
import { iamSamlProviders as iamSamlProvidersTable } from "./tables";
import { readIdpMetadata, SamlMetadataError } from "./metadata";

/**
 * An IAM SAML provider (there is no IAM here, so the fixtures declare them): the metadata document
 * STS AssumeRoleWithSAML and identity pools check SAML responses against. Keyed by ARN.
 */
export interface IamSamlProviderRecord {
  Arn: string;
  SAMLMetadataDocument: string;
}

/** `arn:aws:iam::<account>:saml-provider/<name>`, as IAM's CreateSAMLProvider names it. */
export const SAML_PROVIDER_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):saml-provider\/([\w+=,.@-]{1,128})$/;

/** IAM's SAMLProviderNameType. */
export const SAML_PROVIDER_NAME = /^[\w.-]{1,128}$/;

export function iamSamlProviders(services: Pick<Services, "store">): Table<IamSamlProviderRecord> {
  return iamSamlProvidersTable.open(services);
}

export function samlProviderArn(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:saml-provider/${name}`;
}

export function findIamSamlProvider(services: Pick<Services, "store">, arn: string): IamSamlProviderRecord | undefined {
  return iamSamlProviders(services).get(arn);
}

/** The ARN a fixture's provider is known by: its Arn, or its Name under the emulator's account. */
export function declaredProviderArn(services: Pick<Services, "options">, declared: { Arn?: string; Name?: string }): string {
  return declared.Arn ?? samlProviderArn(services.options.accountId, declared.Name!);
}

/** Declares (or replaces) a provider, once its metadata reads as an IdP's (else the error names why). */
export async function putIamSamlProvider(services: Services, arn: string, metadataDocument: string): Promise<void> {
  try {
    await readIdpMetadata(metadataDocument);
  } catch (error) {
    if (!(error instanceof SamlMetadataError)) throw error;
    throw new SamlMetadataError(`SAMLMetadataDocument: ${error.message}`);
  }
  iamSamlProviders(services).put(arn, { Arn: arn, SAMLMetadataDocument: metadataDocument });
}
