import type { Services } from "../services";
import type { Table } from "../../store/table";

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

export function iamSamlProviders(services: Pick<Services, "store">): Table<IamSamlProviderRecord> {
  return services.store.table<IamSamlProviderRecord>("iamSamlProviders");
}

export function samlProviderArn(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:saml-provider/${name}`;
}

export function findIamSamlProvider(services: Pick<Services, "store">, arn: string): IamSamlProviderRecord | undefined {
  return iamSamlProviders(services).get(arn);
}
