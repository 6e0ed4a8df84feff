import { type SamlIdp, startSamlIdp } from "../../../test/support/saml-idp";
import { exportState } from "../../fixtures/export";
import { FixtureError } from "../../fixtures/errors";
import { parseFixture } from "../../fixtures/load";
import { fixtureTestbed } from "../../fixtures/testing";
import { findIamSamlProvider } from "./iam-providers";

let idp: SamlIdp;
beforeAll(async () => {
  idp = await startSamlIdp({ user: { nameId: "jane", attributes: {} } });
});
afterAll(() => idp.stop());

const problemOf = (doc: unknown) => {
  try {
    parseFixture("/work/fixtures/iam.json", JSON.stringify(doc));
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureError);
    return (error as FixtureError).message;
  }
  throw new Error("expected the fixture to be refused");
};

describe("IAM SAML providers in fixtures", () => {
  it("are declared by Name (under the emulator's account) or Arn, kept on reload, exported, and removed with their fixture", async () => {
    const bed = fixtureTestbed();
    bed.write("iam.json", { SamlProviders: [{ Name: "Corp", SAMLMetadataDocument: idp.metadata }, { Arn: "arn:aws:iam::210987654321:saml-provider/Other", SAMLMetadataDocument: idp.metadata }] });
    expect((await bed.apply()).summary).toMatchObject({ created: 2 });
    expect(findIamSamlProvider(bed.services, "arn:aws:iam::123456789012:saml-provider/Corp")?.SAMLMetadataDocument).toBe(idp.metadata);
    expect(findIamSamlProvider(bed.services, "arn:aws:iam::210987654321:saml-provider/Other")).toBeDefined();
    expect((await bed.apply()).summary).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(exportState(bed.services).SamlProviders).toEqual([
      { Arn: "arn:aws:iam::123456789012:saml-provider/Corp", SAMLMetadataDocument: idp.metadata },
      { Arn: "arn:aws:iam::210987654321:saml-provider/Other", SAMLMetadataDocument: idp.metadata },
    ]);
    bed.write("iam.json", { SamlProviders: [{ Name: "Corp", SAMLMetadataDocument: idp.metadata }] });
    expect((await bed.apply()).summary).toMatchObject({ removed: 1 });
    expect(findIamSamlProvider(bed.services, "arn:aws:iam::210987654321:saml-provider/Other")).toBeUndefined();
  });

  it("are refused with the file and JSON path when malformed", async () => {
    expect(problemOf({ SamlProviders: [{ SAMLMetadataDocument: idp.metadata }] })).toMatch(/SamlProviders\[0\]: give the provider's Name or its Arn$/);
    expect(problemOf({ SamlProviders: [{ Name: "Corp" }] })).toMatch(/SamlProviders\[0\]\.SAMLMetadataDocument: missing \(required\)$/);
    expect(problemOf({ SamlProviders: [{ Arn: "arn:aws:iam::123:role/x", SAMLMetadataDocument: idp.metadata }] })).toMatch(/SamlProviders\[0\]\.Arn: expected a SAML provider ARN/);
    expect(problemOf({ SamlProviders: [{ Name: "Corp", SAMLMetadataDocument: "<x/>" }] })).toMatch(/SAMLMetadataDocument: Member must have length greater than or equal to 1000$/);

    const bed = fixtureTestbed();
    const notIdp = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.example"><SPSSODescriptor>${" ".repeat(1000)}</SPSSODescriptor></EntityDescriptor>`;
    bed.write("iam.json", { SamlProviders: [{ Name: "Corp", SAMLMetadataDocument: notIdp }] });
    await expect(bed.apply()).rejects.toThrow(/iam\.json: SamlProviders\[0\]: SAMLMetadataDocument: The metadata has no EntityDescriptor with an IDPSSODescriptor/);
  });
});
