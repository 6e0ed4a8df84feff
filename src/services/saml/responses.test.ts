import { type SamlIdp, keyAndCertificate, startSamlIdp } from "../../../test/support/saml-idp";
import { readIdpMetadata, SamlMetadataError } from "./metadata";
import { checkAssertion, decodeSamlResponse, readUnverifiedResponse, SamlFailure, verifyResponse } from "./responses";

const SP = "urn:amazon:cognito:sp:us-east-1_SamlUnit1";
const ACS = "http://127.0.0.1:9229/saml2/idpresponse";

let idp: SamlIdp;
const sp = keyAndCertificate(SP);

beforeAll(async () => {
  idp = await startSamlIdp({ user: { nameId: "jane@example.com", attributes: { email: "jane@example.com", groups: ["ops", "dev"] } } });
  idp.trust({ entityId: SP, acsUrl: ACS, certificate: sp.certificate });
});
afterAll(() => idp.stop());

const reasonOf = async (promise: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    if (error instanceof SamlFailure) return error.reason;
    throw error;
  }
  return "accepted";
};

describe("IdP metadata", () => {
  it("reads the entity id, signing certificates, endpoints and request signing wish", async () => {
    const metadata = await readIdpMetadata(idp.metadata);
    expect(metadata).toMatchObject({ entityId: idp.entityId, wantAuthnRequestsSigned: false });
    expect(metadata.signingCertificates).toEqual([idp.certificate.replace(/-----[A-Z ]+-----|\s/g, "")]);
    expect(metadata.singleSignOn).toEqual([{ binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", location: `${idp.url}/sso` }]);
    expect(metadata.singleLogout[0].location).toBe(`${idp.url}/slo`);
  });

  it("refuses what is not IdP metadata", async () => {
    await expect(readIdpMetadata("not xml")).rejects.toBeInstanceOf(SamlMetadataError);
    await expect(readIdpMetadata('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).rejects.toBeInstanceOf(SamlMetadataError);
    await expect(readIdpMetadata('<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><SPSSODescriptor/></EntityDescriptor>')).rejects.toThrow(/IDPSSODescriptor/);
  });
});

describe("SAML responses", () => {
  const certificates = () => [idp.certificate];

  it("verifies a signed assertion and reads what it says", async () => {
    const { envelope, assertion } = await verifyResponse(await idp.response({ inResponseTo: "_req1" }), { certificates: certificates() });
    expect(envelope).toMatchObject({ inResponseTo: "_req1", issuer: idp.entityId, statusCode: "urn:oasis:names:tc:SAML:2.0:status:Success", encrypted: false });
    expect(assertion).toMatchObject({ issuer: idp.entityId, nameId: "jane@example.com", audiences: [SP], recipient: ACS, confirmationInResponseTo: "_req1" });
    expect(assertion.attributes).toEqual({ email: ["jane@example.com"], groups: ["ops", "dev"] });
    expect(assertion.sessionIndex).toMatch(/^_session-/);
    expect(() => checkAssertion(envelope, assertion, { issuer: idp.entityId, audience: (a) => a === SP, recipient: (r) => r === ACS, inResponseTo: "_req1", now: Date.now() })).not.toThrow();
  });

  it("takes a signature on the response instead of the assertion, and decrypts an encrypted assertion", async () => {
    expect((await verifyResponse(await idp.response({ sign: "response" }), { certificates: certificates() })).assertion.nameId).toBe("jane@example.com");
    const encrypted = await idp.response({ encrypt: true });
    expect(decodeSamlResponse(encrypted)).toContain("EncryptedAssertion");
    expect((await verifyResponse(encrypted, { certificates: certificates(), decryptionKey: sp.privateKey, requireEncryption: true })).assertion.nameId).toBe("jane@example.com");
    expect(await reasonOf(verifyResponse(encrypted, { certificates: certificates() }))).toBe("decryption");
    expect(await reasonOf(verifyResponse(await idp.response(), { certificates: certificates(), decryptionKey: sp.privateKey, requireEncryption: true }))).toBe("encryptionRequired");
  });

  it("refuses a tampered, unsigned or foreign-signed response", async () => {
    const signed = decodeSamlResponse(await idp.response())!;
    const tampered = Buffer.from(signed.replace("jane@example.com</saml:AttributeValue>", "mallory@example.com</saml:AttributeValue>")).toString("base64");
    expect(await reasonOf(verifyResponse(tampered, { certificates: certificates() }))).toBe("signature");
    expect(await reasonOf(verifyResponse(await idp.response({ sign: "none" }), { certificates: certificates() }))).toBe("signature");
    expect(await reasonOf(verifyResponse(await idp.response(), { certificates: [keyAndCertificate("other").certificate] }))).toBe("signature");
  });

  it("checks issuer, audience, recipient, validity times and InResponseTo", async () => {
    const check = async (response: Promise<string>, expect: Partial<Parameters<typeof checkAssertion>[2]>) => {
      const { envelope, assertion } = await verifyResponse(await response, { certificates: certificates() });
      return reasonOf(() => checkAssertion(envelope, assertion, { now: Date.now(), ...expect }));
    };
    expect(await check(idp.response({ issuer: "https://elsewhere.example" }), { issuer: idp.entityId })).toBe("issuer");
    expect(await check(idp.response({ audience: "urn:amazon:cognito:sp:us-east-1_Other" }), { audience: (a) => a === SP })).toBe("audience");
    expect(await check(idp.response({ recipient: "https://elsewhere.example/acs" }), { recipient: (r) => r === ACS })).toBe("recipient");
    expect(await check(idp.response({ issuedAt: new Date(Date.now() - 600_000) }), {})).toBe("expired");
    expect(await check(idp.response({ issuedAt: new Date(Date.now() + 600_000) }), {})).toBe("notYetValid");
    expect(await check(idp.response({ inResponseTo: "_other" }), { inResponseTo: "_req1" })).toBe("inResponseTo");
    expect(await check(idp.response(), { inResponseTo: "_req1" })).toBe("inResponseTo");
    expect(await check(idp.response({ inResponseTo: "_req1" }), { inResponseTo: null })).toBe("inResponseTo");
    expect(await check(idp.response(), { inResponseTo: null })).toBe("accepted");
  });

  it("reads an unsigned response without checking it, and refuses what is not a SAML response", async () => {
    expect((await readUnverifiedResponse(await idp.response({ sign: "none" }))).assertion.nameId).toBe("jane@example.com");
    expect(await reasonOf(readUnverifiedResponse("bm90IHNhbWw="))).toBe("malformed");
    expect(await reasonOf(readUnverifiedResponse("%%%"))).toBe("malformed");
    expect(decodeSamlResponse("A".repeat(100_004))).toBeUndefined();
  });
});
