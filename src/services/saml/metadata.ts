import { attributeOf, child, children, parseXml, SAML_METADATA, select, textOf, XMLDSIG, type XmlElement } from "./xml";

export const BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
export const BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

export interface SamlEndpoint {
  binding: string;
  location: string;
}

/** What an identity provider's metadata document says about it. */
export interface IdpMetadata {
  entityId: string;
  /** Base64 DER bodies of the certificates it signs with (KeyDescriptor use="signing" or no use). */
  signingCertificates: string[];
  singleSignOn: SamlEndpoint[];
  singleLogout: SamlEndpoint[];
  wantAuthnRequestsSigned: boolean;
}

/** A metadata document that cannot be used: not XML, or no IdP with an entity id and a signing certificate. */
export class SamlMetadataError extends Error {}

/**
 * Reads an IdP's metadata (an EntityDescriptor, or the first IdP of an EntitiesDescriptor). Cognito
 * accepts a response signed by any of the signing certificates listed.
 */
export async function readIdpMetadata(document: string): Promise<IdpMetadata> {
  const root = await parseXml(document);
  if (!root) throw new SamlMetadataError("The metadata is not a well-formed XML document.");
  const entity = [root, ...select(root, ".//*[local-name(.)='EntityDescriptor']")].find(
    (node) => node.localName === "EntityDescriptor" && node.namespaceURI === SAML_METADATA && child(node, SAML_METADATA, "IDPSSODescriptor"),
  );
  const descriptor = entity && child(entity, SAML_METADATA, "IDPSSODescriptor");
  const entityId = attributeOf(entity, "entityID");
  if (!entity || !descriptor || !entityId) throw new SamlMetadataError("The metadata has no EntityDescriptor with an IDPSSODescriptor and an entityID.");
  const signingCertificates = children(descriptor, SAML_METADATA, "KeyDescriptor")
    .filter((key) => (attributeOf(key, "use") ?? "signing") === "signing")
    .flatMap((key) => select(key, `.//*[local-name(.)='X509Certificate' and namespace-uri(.)='${XMLDSIG}']`))
    .map((cert) => (textOf(cert) ?? "").replace(/\s+/g, ""))
    .filter((cert) => cert.length > 0);
  if (signingCertificates.length === 0) throw new SamlMetadataError("The metadata names no signing certificate.");
  return {
    entityId,
    signingCertificates,
    singleSignOn: endpoints(descriptor, "SingleSignOnService"),
    singleLogout: endpoints(descriptor, "SingleLogoutService"),
    wantAuthnRequestsSigned: attributeOf(descriptor, "WantAuthnRequestsSigned") === "true",
  };
}

function endpoints(descriptor: XmlElement, name: string): SamlEndpoint[] {
  const found: SamlEndpoint[] = [];
  for (const node of children(descriptor, SAML_METADATA, name)) {
    const binding = attributeOf(node, "Binding");
    const location = attributeOf(node, "Location");
    if (binding && location) found.push({ binding, location });
  }
  return found;
}

/** The endpoint Cognito uses: HTTP-Redirect when the IdP offers it, else HTTP-POST. */
export function preferredEndpoint(endpoints: SamlEndpoint[]): SamlEndpoint | undefined {
  return endpoints.find((e) => e.binding === BINDING_REDIRECT) ?? endpoints.find((e) => e.binding === BINDING_POST);
}
