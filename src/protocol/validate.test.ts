import type { ServiceError } from "../errors";
import { models } from "./model";
import { compilePattern, MAX_NESTING_DEPTH, validateInput } from "./validate";

const idp = models["cognito-idp"];

function failure(shape: string, input: unknown): ServiceError {
  try {
    validateInput(idp, shape, input);
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error("expected a validation failure");
}

describe("validateInput against the Cognito model", () => {
  it("accepts a valid request", () => {
    expect(() => validateInput(idp, "AdminGetUserRequest", { UserPoolId: "us-east-1_abc123XYZ", Username: "alice" })).not.toThrow();
  });

  it("reports missing required members the AWS way", () => {
    const error = failure("AdminGetUserRequest", { Username: "alice" });
    expect(error.code).toBe("InvalidParameterException");
    expect(error.message).toBe("1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null");
  });

  it("reports patterns, lengths and enums together", () => {
    const error = failure("InitiateAuthRequest", { AuthFlow: "MAGIC", ClientId: "" });
    expect(error.message).toMatch(/^3 validation errors detected: /);
    expect(error.message).toContain("Value 'MAGIC' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [");
    expect(error.message).toContain("Value at 'clientId' failed to satisfy constraint: Member must have length greater than or equal to 1");
  });

  it("anchors patterns to the whole value", () => {
    const error = failure("AdminGetUserRequest", { UserPoolId: "us-east-1_abc def", Username: "alice" });
    expect(error.message).toContain("Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+");
  });

  it("takes a custom domain's fully qualified name where DomainType's pattern allows one label", () => {
    // The AWS CLI's own example (awscli/examples/cognito-idp/create-user-pool-domain.rst) creates
    // `auth.example.com` with a CustomDomainConfig and gets a CloudFrontDomain back.
    const certificate = { CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/a1b2c3d4" };
    expect(() => validateInput(idp, "CreateUserPoolDomainRequest", { UserPoolId: "us-east-1_abc", Domain: "auth.example.com", CustomDomainConfig: certificate })).not.toThrow();
    expect(() => validateInput(idp, "DescribeUserPoolDomainRequest", { Domain: "auth.example.com" })).not.toThrow();
    for (const domain of ["Auth.example.com", "auth..example.com", ".example.com", "auth.example.", "-auth.example.com", "auth_x.example.com"]) {
      expect(failure("DescribeUserPoolDomainRequest", { Domain: domain }).message).toContain("Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$");
    }
  });

  it("never echoes sensitive values", () => {
    const error = failure("AdminSetUserPasswordRequest", { UserPoolId: "us-east-1_abc", Username: "alice", Password: "has space" });
    expect(error.message).toContain("Value at 'password' failed to satisfy constraint");
    expect(error.message).not.toContain("has space");
  });

  it("checks nested list members with 1-based paths", () => {
    const error = failure("AdminCreateUserRequest", { UserPoolId: "us-east-1_abc", Username: "bob", UserAttributes: [{ Name: "email", Value: "b@x.io" }, { Value: "x" }] });
    expect(error.message).toContain("Value null at 'userAttributes.2.member.name' failed to satisfy constraint: Member must not be null");
  });

  it("checks integer ranges and list sizes", () => {
    expect(failure("ListUserPoolsRequest", { MaxResults: 0 }).message).toContain("Member must have value greater than or equal to 1");
    expect(failure("ListUserPoolsRequest", { MaxResults: 61 }).message).toContain("Member must have value less than or equal to 60");
    const tooMany = Array.from({ length: 26 }, (_, i) => ({ Name: `a${i}`, AttributeDataType: "String" }));
    expect(failure("AddCustomAttributesRequest", { UserPoolId: "us-east-1_abc", CustomAttributes: tooMany }).message).toContain(
      "at 'customAttributes' failed to satisfy constraint: Member must have length less than or equal to 25",
    );
  });

  it("answers wrong JSON types with SerializationException", () => {
    expect(failure("ListUserPoolsRequest", { MaxResults: "10" }).code).toBe("SerializationException");
    expect(failure("AdminGetUserRequest", { UserPoolId: 5, Username: "a" }).code).toBe("SerializationException");
    expect(failure("AdminCreateUserRequest", { UserPoolId: "us-east-1_a", Username: "a", UserAttributes: {} }).code).toBe("SerializationException");
  });

  it("compiles every pattern of every model", () => {
    const patterns = Object.values(models).flatMap((m) => Object.values(m.shapes).flatMap((s) => (s.pattern ? [s.pattern] : [])));
    expect(patterns.length).toBeGreaterThan(40);
    for (const pattern of patterns) expect([pattern, compilePattern(pattern)]).not.toEqual([pattern, null]);
    expect(compilePattern("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+")!.test("Zoë")).toBe(true);
  });

  it("refuses JSON nested deeper than the limit, naming the member, whatever the depth", () => {
    const nest = (depth: number) => {
      let value: unknown = {};
      for (let i = 1; i < depth; i++) value = { a: [value] }.a;
      return value;
    };
    const request = (settings: unknown) => ({ UserPoolId: "us-east-1_abc", ClientId: "a", Settings: settings });
    // The request object and Settings are two levels.
    expect(() => validateInput(idp, "CreateManagedLoginBrandingRequest", request(nest(MAX_NESTING_DEPTH - 1)))).not.toThrow();
    expect(failure("CreateManagedLoginBrandingRequest", request(nest(MAX_NESTING_DEPTH)))).toMatchObject({
      code: "InvalidParameterException",
      message: `1 validation error detected: Value at 'settings' failed to satisfy constraint: Member must not be nested more than ${MAX_NESTING_DEPTH} levels deep`,
    });
    const started = performance.now();
    expect(failure("CreateManagedLoginBrandingRequest", request(nest(200_000))).code).toBe("InvalidParameterException");
    expect(performance.now() - started).toBeLessThan(1000);
    // Members the model does not know are walked too: they are in the parsed request all the same.
    expect(failure("AdminGetUserRequest", { UserPoolId: "us-east-1_abc", Username: "a", Extra: nest(MAX_NESTING_DEPTH) }).message).toContain("at 'extra'");
  });
});
