import { X509Certificate } from "node:crypto";
import { keyAndCertificate } from "../../../../test/support/saml-idp";
import type { OperationContext } from "../../operation";
import { servicesTestbed } from "../../testing";
import { createClient } from "../directory/clients";
import { createPool } from "../directory/pools";
import { createUser } from "../directory/users";
import AdminDisableProviderForUser from "./AdminDisableProviderForUser";
import AdminLinkProviderForUser from "./AdminLinkProviderForUser";
import CreateIdentityProvider from "./CreateIdentityProvider";
import CreateManagedLoginBranding from "./CreateManagedLoginBranding";
import CreateResourceServer from "./CreateResourceServer";
import CreateUserPoolClient from "./CreateUserPoolClient";
import CreateUserPoolDomain from "./CreateUserPoolDomain";
import DeleteIdentityProvider from "./DeleteIdentityProvider";
import DeleteManagedLoginBranding from "./DeleteManagedLoginBranding";
import DeleteResourceServer from "./DeleteResourceServer";
import DeleteUserPoolDomain from "./DeleteUserPoolDomain";
import DescribeIdentityProvider from "./DescribeIdentityProvider";
import DescribeManagedLoginBranding from "./DescribeManagedLoginBranding";
import DescribeManagedLoginBrandingByClient from "./DescribeManagedLoginBrandingByClient";
import DescribeResourceServer from "./DescribeResourceServer";
import DescribeUserPoolDomain from "./DescribeUserPoolDomain";
import GetIdentityProviderByIdentifier from "./GetIdentityProviderByIdentifier";
import GetUICustomization from "./GetUICustomization";
import ListIdentityProviders from "./ListIdentityProviders";
import ListResourceServers from "./ListResourceServers";
import SetUICustomization from "./SetUICustomization";
import UpdateIdentityProvider from "./UpdateIdentityProvider";
import UpdateManagedLoginBranding from "./UpdateManagedLoginBranding";
import UpdateResourceServer from "./UpdateResourceServer";
import UpdateUserPoolDomain from "./UpdateUserPoolDomain";

const { services } = servicesTestbed();
/** Handlers may throw before returning a promise; this makes either a rejection. */
const attempt = <T>(call: () => T) => Promise.resolve().then(call);
const ctx = (): OperationContext => ({ region: "us-east-1", requestId: "r", services, logFields: {}, headers: {} });
const pool = createPool(services, "us-east-1", { PoolName: "hosted" });
const other = createPool(services, "us-east-1", { PoolName: "other" });
const client = createClient(services, pool, { ClientName: "web" });
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de", "hex").toString("base64");

describe("user pool domains", () => {
  it("creates, describes, updates and deletes a prefix domain, one per pool and each prefix once", async () => {
    expect(await CreateUserPoolDomain({ UserPoolId: pool.Id, Domain: "hosted-auth" }, ctx())).toEqual({ ManagedLoginVersion: 1 });
    expect(services.tables.pools.get(pool.Id)!.Domain).toBe("hosted-auth");
    const { DomainDescription } = await DescribeUserPoolDomain({ Domain: "hosted-auth" }, ctx());
    expect(DomainDescription).toMatchObject({
      UserPoolId: pool.Id,
      AWSAccountId: "123456789012",
      Domain: "hosted-auth",
      CloudFrontDistribution: "hosted-auth.auth.us-east-1.amazoncognito.com",
      Status: "ACTIVE",
      ManagedLoginVersion: 1,
    });
    await expect(attempt(() => CreateUserPoolDomain({ UserPoolId: pool.Id, Domain: "second" }, ctx()))).rejects.toThrow("User pool already has a domain configured.");
    await expect(attempt(() => CreateUserPoolDomain({ UserPoolId: other.Id, Domain: "hosted-auth" }, ctx()))).rejects.toThrow("Domain already associated with another user pool.");
    await expect(attempt(() => CreateUserPoolDomain({ UserPoolId: other.Id, Domain: "my-cognito-login" }, ctx()))).rejects.toThrow("Domain cannot contain reserved word: cognito");

    expect(await UpdateUserPoolDomain({ UserPoolId: pool.Id, Domain: "hosted-auth", ManagedLoginVersion: 2 }, ctx())).toEqual({ ManagedLoginVersion: 2 });
    await expect(attempt(() => DeleteUserPoolDomain({ UserPoolId: other.Id, Domain: "hosted-auth" }, ctx()))).rejects.toThrow("No such domain or user pool exists.");
    await DeleteUserPoolDomain({ UserPoolId: pool.Id, Domain: "hosted-auth" }, ctx());
    expect(await DescribeUserPoolDomain({ Domain: "hosted-auth" }, ctx())).toEqual({ DomainDescription: {} });
    expect(services.tables.pools.get(pool.Id)!.Domain).toBeUndefined();
  });

  it("gives a custom domain a CloudFront host name", async () => {
    const created = await CreateUserPoolDomain({ UserPoolId: other.Id, Domain: "auth.example.com", CustomDomainConfig: { CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" } }, ctx());
    expect(created.CloudFrontDomain).toMatch(/^d[0-9a-f]{13}\.cloudfront\.net$/);
    expect(services.tables.pools.get(other.Id)!.CustomDomain).toBe("auth.example.com");
    expect(await DescribeUserPoolDomain({ Domain: "auth.example.com" }, ctx())).toMatchObject({
      DomainDescription: { Domain: "auth.example.com", CloudFrontDistribution: created.CloudFrontDomain, CustomDomainConfig: { CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" } },
    });
    await DeleteUserPoolDomain({ UserPoolId: other.Id, Domain: "auth.example.com" }, ctx());
    // Without a certificate a domain is a prefix: one label, as DomainType's pattern says.
    await expect(attempt(() => CreateUserPoolDomain({ UserPoolId: other.Id, Domain: "auth.example.com" }, ctx()))).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: "1 validation error detected: Value 'auth.example.com' at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$",
    });
  });
});

describe("resource servers", () => {
  it("creates, lists, updates and deletes; the scopes become usable by clients", async () => {
    const scopes = [{ ScopeName: "read", ScopeDescription: "Read" }];
    const { ResourceServer } = await CreateResourceServer({ UserPoolId: pool.Id, Identifier: "https://api.example.com", Name: "API", Scopes: scopes }, ctx());
    expect(ResourceServer).toEqual({ UserPoolId: pool.Id, Identifier: "https://api.example.com", Name: "API", Scopes: scopes });
    await expect(attempt(() => CreateResourceServer({ UserPoolId: pool.Id, Identifier: "https://api.example.com", Name: "again" }, ctx()))).rejects.toThrow(
      `https://api.example.com already exists in user pool ${pool.Id}.`,
    );
    await CreateResourceServer({ UserPoolId: pool.Id, Identifier: "billing", Name: "Billing" }, ctx());
    const firstPage = await ListResourceServers({ UserPoolId: pool.Id, MaxResults: 1 }, ctx());
    expect(firstPage.ResourceServers!.map((s) => s.Identifier)).toEqual(["billing"]);
    const secondPage = await ListResourceServers({ UserPoolId: pool.Id, MaxResults: 1, NextToken: firstPage.NextToken }, ctx());
    expect(secondPage).toMatchObject({ ResourceServers: [{ Identifier: "https://api.example.com" }], NextToken: undefined });

    await CreateUserPoolClient({ UserPoolId: pool.Id, ClientName: "m2m", GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["client_credentials"], AllowedOAuthScopes: ["https://api.example.com/read"] }, ctx());
    await expect(attempt(() => 
      CreateUserPoolClient({ UserPoolId: pool.Id, ClientName: "m2m", GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["client_credentials"], AllowedOAuthScopes: ["billing/pay"] }, ctx()),
    )).rejects.toMatchObject({ code: "ScopeDoesNotExistException" });

    const updated = await UpdateResourceServer({ UserPoolId: pool.Id, Identifier: "billing", Name: "Billing v2", Scopes: [{ ScopeName: "pay", ScopeDescription: "Pay" }] }, ctx());
    expect(updated.ResourceServer).toMatchObject({ Name: "Billing v2", Scopes: [{ ScopeName: "pay", ScopeDescription: "Pay" }] });
    await DeleteResourceServer({ UserPoolId: pool.Id, Identifier: "billing" }, ctx());
    await expect(attempt(() => DescribeResourceServer({ UserPoolId: pool.Id, Identifier: "billing" }, ctx()))).rejects.toMatchObject({ code: "ResourceNotFoundException" });
  });
});

describe("identity providers", () => {
  it("creates social and OIDC providers with Cognito's filled-in details and username mapping", async () => {
    const { IdentityProvider } = await CreateIdentityProvider(
      { UserPoolId: pool.Id, ProviderName: "Google", ProviderType: "Google", ProviderDetails: { client_id: "id", client_secret: "s", authorize_scopes: "email" }, AttributeMapping: { email: "email" } },
      ctx(),
    );
    expect(IdentityProvider).toMatchObject({
      ProviderName: "Google",
      ProviderDetails: { client_id: "id", authorize_url: "https://accounts.google.com/o/oauth2/v2/auth", oidc_issuer: "https://accounts.google.com" },
      AttributeMapping: { email: "email", username: "sub" },
      IdpIdentifiers: [],
    });
    await expect(attempt(() => 
      CreateIdentityProvider({ UserPoolId: pool.Id, ProviderName: "MyGoogle", ProviderType: "Google", ProviderDetails: { client_id: "id", client_secret: "s", authorize_scopes: "email" } }, ctx()),
    )).rejects.toThrow("Provider MyGoogle cannot be of type Google.");
    await expect(attempt(() => 
      CreateIdentityProvider({ UserPoolId: pool.Id, ProviderName: "Google", ProviderType: "Google", ProviderDetails: { client_id: "id", client_secret: "s", authorize_scopes: "email" } }, ctx()),
    )).rejects.toMatchObject({ code: "DuplicateProviderException" });
    await expect(attempt(() => CreateIdentityProvider({ UserPoolId: pool.Id, ProviderName: "Corp", ProviderType: "OIDC", ProviderDetails: { client_id: "id" } }, ctx()))).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: "client_id, oidc_issuer, authorize_scopes and attributes_request_method are all required idp details",
    });
    // Cognito's words, as reported from the service: aws-amplify/amplify-cli#8266 (social providers),
    // hashicorp/terraform-provider-aws#4815 (SAML).
    await expect(attempt(() => CreateIdentityProvider({ UserPoolId: pool.Id, ProviderName: "Facebook", ProviderType: "Facebook", ProviderDetails: { client_id: "id" } }, ctx()))).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: "client_id, client_secret and authorize_scopes are all required idp details",
    });
    await expect(attempt(() => CreateIdentityProvider({ UserPoolId: pool.Id, ProviderName: "Corp", ProviderType: "SAML", ProviderDetails: { IDPSignout: "true" } }, ctx()))).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: "At least one of the MetadataURL or MetadataFile should be provided.",
    });

    // Listed oldest first, ties within a millisecond by name: on a fast run both could share one.
    services.clock.advance(1);
    await CreateIdentityProvider(
      {
        UserPoolId: pool.Id,
        ProviderName: "Corp",
        ProviderType: "OIDC",
        ProviderDetails: { client_id: "id", oidc_issuer: "https://idp.corp.example", authorize_scopes: "openid", attributes_request_method: "GET" },
        IdpIdentifiers: ["corp.example"],
      },
      ctx(),
    );
    expect((await GetIdentityProviderByIdentifier({ UserPoolId: pool.Id, IdpIdentifier: "corp.example" }, ctx())).IdentityProvider!.ProviderName).toBe("Corp");
    await expect(attempt(() => UpdateIdentityProvider({ UserPoolId: pool.Id, ProviderName: "Google", IdpIdentifiers: ["corp.example"] }, ctx()))).rejects.toMatchObject({ code: "InvalidParameterException" });
    const updated = await UpdateIdentityProvider({ UserPoolId: pool.Id, ProviderName: "Corp", ProviderDetails: { authorize_scopes: "openid email" } }, ctx());
    expect(updated.IdentityProvider!.ProviderDetails).toMatchObject({ client_id: "id", authorize_scopes: "openid email" });

    const listed = await ListIdentityProviders({ UserPoolId: pool.Id }, ctx());
    expect(listed.Providers!.map((p) => [p.ProviderName, p.ProviderType])).toEqual([
      ["Google", "Google"],
      ["Corp", "OIDC"],
    ]);
    // Clients may now name them.
    await CreateUserPoolClient({ UserPoolId: pool.Id, ClientName: "federated", SupportedIdentityProviders: ["COGNITO", "Google", "Corp"] }, ctx());

    await DeleteIdentityProvider({ UserPoolId: pool.Id, ProviderName: "Corp" }, ctx());
    await expect(attempt(() => DescribeIdentityProvider({ UserPoolId: pool.Id, ProviderName: "Corp" }, ctx()))).rejects.toMatchObject({ code: "ResourceNotFoundException" });
  });

  it("describes a SAML provider with the certificate to encrypt to and its metadata's redirect endpoints", async () => {
    // The service model's CreateIdentityProvider documentation lists them in the "Describe response";
    // terraform-provider-aws treats ActiveEncryptionCertificate as returned for every SAML provider and
    // SSORedirectBindingURI as returned when a MetadataFile was given.
    const samlPool = createPool(services, "us-east-1", { PoolName: "saml" });
    const { certificate } = keyAndCertificate("idp");
    const body = certificate.replace(/-----[A-Z ]+-----|\s+/g, "");
    const metadata =
      `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
      `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
      `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/slo"/>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/sso/post"/>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>` +
      `</md:IDPSSODescriptor></md:EntityDescriptor>`;
    const { IdentityProvider: created } = await CreateIdentityProvider(
      { UserPoolId: samlPool.Id, ProviderName: "Corp", ProviderType: "SAML", ProviderDetails: { MetadataFile: metadata, IDPSignout: "true" } },
      ctx(),
    );
    expect(created!.ProviderDetails).toEqual({
      MetadataFile: metadata,
      IDPSignout: "true",
      ActiveEncryptionCertificate: expect.stringMatching(/^MII[A-Za-z0-9+/=]+$/),
      SSORedirectBindingURI: "https://idp.example.com/sso",
      SLORedirectBindingURI: "https://idp.example.com/slo",
    });
    const encryptTo = new X509Certificate(Buffer.from(created!.ProviderDetails!.ActiveEncryptionCertificate, "base64"));
    expect(encryptTo.subject).toBe(`CN=${samlPool.Id}`);
    const { idToken } = await services.tokens.keys.ensure(samlPool.Id);
    expect(encryptTo.publicKey.equals(idToken.publicKey)).toBe(true);
    const { IdentityProvider: described } = await DescribeIdentityProvider({ UserPoolId: samlPool.Id, ProviderName: "Corp" }, ctx());
    expect(described!.ProviderDetails).toEqual(created!.ProviderDetails);
    // A placeholder document (the stand-in sign-in page plays the IdP) has no endpoints to show.
    const { IdentityProvider: placeholder } = await UpdateIdentityProvider({ UserPoolId: samlPool.Id, ProviderName: "Corp", ProviderDetails: { MetadataFile: "<placeholder/>" } }, ctx());
    expect(Object.keys(placeholder!.ProviderDetails!).sort()).toEqual(["ActiveEncryptionCertificate", "IDPSignout", "MetadataFile"]);
    // The record keeps what was given: an export fed back in creates the same provider.
    expect(services.tables.identityProviders.get(`${samlPool.Id}/Corp`)!.ProviderDetails).toEqual({ MetadataFile: "<placeholder/>", IDPSignout: "true" });
  });

  it("links an external identity to a native user, and unlinks it", async () => {
    createUser(services, pool, { Username: "nina", Attributes: {}, UserStatus: "CONFIRMED" });
    const link = (value: string) =>
      AdminLinkProviderForUser(
        {
          UserPoolId: pool.Id,
          DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "nina" },
          SourceUser: { ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: value },
        },
        ctx(),
      );
    await link("g-1");
    const nina = () => services.tables.users.get(services.tables.userKey(pool.Id, "nina"))!;
    expect(JSON.parse(nina().Attributes.identities)).toEqual([
      { userId: "g-1", providerName: "Google", providerType: "Google", issuer: null, primary: "false", dateCreated: expect.any(String) },
    ]);
    await expect(attempt(() => 
      AdminLinkProviderForUser(
        { UserPoolId: pool.Id, DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "ghost" }, SourceUser: { ProviderName: "Google", ProviderAttributeValue: "g-2" } },
        ctx(),
      ),
    )).rejects.toMatchObject({ code: "UserNotFoundException" });
    await expect(attempt(() => 
      AdminLinkProviderForUser(
        { UserPoolId: pool.Id, DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "nina" }, SourceUser: { ProviderName: "Nope", ProviderAttributeValue: "x" } },
        ctx(),
      ),
    )).rejects.toMatchObject({ code: "InvalidParameterException" });

    await AdminDisableProviderForUser({ UserPoolId: pool.Id, User: { ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "g-1" } }, ctx());
    expect(nina().Attributes.identities).toBeUndefined();
  });
});

describe("UI customization and managed login branding", () => {
  it("needs a domain, accepts only the customizable classes, and falls back from client to pool", async () => {
    await expect(attempt(() => SetUICustomization({ UserPoolId: other.Id, CSS: ".label-customizable { color: red; }" }, ctx()))).rejects.toThrow(
      "There has to be an existing domain associated with this user pool",
    );
    await CreateUserPoolDomain({ UserPoolId: pool.Id, Domain: "hosted-look" }, ctx());
    await expect(attempt(() => SetUICustomization({ UserPoolId: pool.Id, CSS: "body { display: none; }" }, ctx()))).rejects.toMatchObject({ code: "InvalidParameterException" });

    const set = await SetUICustomization({ UserPoolId: pool.Id, CSS: ".submitButton-customizable { background: #123456; }", ImageFile: PNG as unknown as Uint8Array }, ctx());
    expect(set.UICustomization).toMatchObject({ UserPoolId: pool.Id, ClientId: "ALL", CSS: ".submitButton-customizable { background: #123456; }" });
    expect(set.UICustomization!.ImageUrl).toMatch(new RegExp(`^http://localhost/hosted-ui/assets/${pool.Id}/ALL/logo\\.png\\?v=\\d+$`));

    const forClient = await GetUICustomization({ UserPoolId: pool.Id, ClientId: client.ClientId }, ctx());
    expect(forClient.UICustomization).toMatchObject({ ClientId: client.ClientId, CSS: ".submitButton-customizable { background: #123456; }" });
    await expect(attempt(() => SetUICustomization({ UserPoolId: pool.Id, ImageFile: Buffer.from("GIF89a").toString("base64") as unknown as Uint8Array }, ctx()))).rejects.toMatchObject({
      code: "InvalidParameterException",
    });
  });

  it("stores one branding per client, described by id or by client", async () => {
    const created = await CreateManagedLoginBranding(
      { UserPoolId: pool.Id, ClientId: client.ClientId, Settings: { components: { primaryButton: {} } } as never, Assets: [{ Category: "FORM_LOGO", ColorMode: "LIGHT", Extension: "PNG", Bytes: PNG as never }] },
      ctx(),
    );
    const id = created.ManagedLoginBranding!.ManagedLoginBrandingId!;
    expect(created.ManagedLoginBranding).toMatchObject({ UserPoolId: pool.Id, UseCognitoProvidedValues: false, Assets: [{ Category: "FORM_LOGO", Bytes: PNG }] });
    await expect(attempt(() => CreateManagedLoginBranding({ UserPoolId: pool.Id, ClientId: client.ClientId, UseCognitoProvidedValues: true }, ctx()))).rejects.toMatchObject({
      code: "ManagedLoginBrandingExistsException",
    });
    expect((await DescribeManagedLoginBrandingByClient({ UserPoolId: pool.Id, ClientId: client.ClientId }, ctx())).ManagedLoginBranding!.ManagedLoginBrandingId).toBe(id);
    const updated = await UpdateManagedLoginBranding({ UserPoolId: pool.Id, ManagedLoginBrandingId: id, UseCognitoProvidedValues: true }, ctx());
    expect(updated.ManagedLoginBranding).toMatchObject({ UseCognitoProvidedValues: true });
    expect(updated.ManagedLoginBranding!.Settings).toBeUndefined();
    await DeleteManagedLoginBranding({ UserPoolId: pool.Id, ManagedLoginBrandingId: id }, ctx());
    await expect(attempt(() => DescribeManagedLoginBranding({ UserPoolId: pool.Id, ManagedLoginBrandingId: id }, ctx()))).rejects.toMatchObject({ code: "ResourceNotFoundException" });
  });
});
