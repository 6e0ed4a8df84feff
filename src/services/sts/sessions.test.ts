import { identityTestbed } from "../identity-pools/testing";
import { accountRoot, assumedRole, callerOf, issueCredentials, parseRoleArn, requireSession } from "./sessions";

const ROLE = "arn:aws:iam::210987654321:role/service/Reader";

function issue() {
  const bed = identityTestbed();
  const role = parseRoleArn(ROLE)!;
  const principal = assumedRole(role, "session-1");
  const credentials = issueCredentials(bed.services, { ...principal, RoleArn: ROLE, SessionName: "session-1" }, 3600);
  /** A request signed with `keyId`, carrying `token` (null: no session token). */
  const signedWith = (keyId: string | undefined, token: string | null = credentials.SessionToken) =>
    bed.ctx({ accessKeyId: keyId, headers: token === null ? {} : { "x-amz-security-token": token } });
  return { bed, credentials, principal, signedWith };
}

const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
};

describe("role ARNs", () => {
  it("take the role name without its path, the account, and a stable AROA id", () => {
    const role = parseRoleArn(ROLE)!;
    expect(role).toMatchObject({ account: "210987654321", name: "Reader" });
    expect(role.id).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(parseRoleArn(ROLE)!.id).toBe(role.id);
    expect(parseRoleArn("arn:aws:iam::210987654321:user/Reader")).toBeUndefined();
    expect(assumedRole(role, "s")).toEqual({ Account: "210987654321", Arn: "arn:aws:sts::210987654321:assumed-role/Reader/s", UserId: `${role.id}:s`, AssumedRoleId: `${role.id}:s` });
  });
});

describe("issued credentials", () => {
  it("look like AWS's and expire by the emulator's clock", () => {
    const { bed, credentials } = issue();
    expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(credentials.SessionToken.length).toBeGreaterThan(100);
    expect(credentials.Expiration.getTime()).toBe((bed.clock.nowSeconds() + 3600) * 1000);
  });

  it("are recognised from the request's access key and session token", () => {
    const { credentials, principal, signedWith } = issue();
    expect(requireSession(signedWith(credentials.AccessKeyId))).toMatchObject({ Arn: principal.Arn, UserId: principal.UserId, Account: "210987654321" });
    const invalid = { code: "InvalidClientTokenId", statusCode: 403, message: "The security token included in the request is invalid." };
    expect(thrown(() => requireSession(signedWith("AKIDEXAMPLE")))).toMatchObject(invalid);
    expect(thrown(() => requireSession(signedWith(undefined)))).toMatchObject(invalid);
    expect(thrown(() => requireSession(signedWith(credentials.AccessKeyId, "forged")))).toMatchObject(invalid);
    expect(thrown(() => requireSession(signedWith(credentials.AccessKeyId, null)))).toMatchObject(invalid);
  });

  it("answer ExpiredToken once expired", () => {
    const { bed, credentials, signedWith } = issue();
    bed.clock.advance(3600);
    expect(thrown(() => requireSession(signedWith(credentials.AccessKeyId)))).toMatchObject({
      code: "ExpiredToken",
      statusCode: 403,
      message: "The security token included in the request is expired",
    });
  });
});

describe("callerOf", () => {
  it("takes unknown long-term keys as the account's root, issued keys as their session", () => {
    const { bed, credentials, principal, signedWith } = issue();
    expect(callerOf(signedWith("AKIAIOSFODNN7EXAMPLE", null))).toEqual({ principal: accountRoot(bed.services) });
    expect(accountRoot(bed.services)).toEqual({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:root", UserId: "123456789012" });
    expect(callerOf(signedWith(credentials.AccessKeyId)).principal.Arn).toBe(principal.Arn);
    expect(thrown(() => callerOf(signedWith("ASIAUNKNOWNUNKNOWN00")))).toMatchObject({ code: "InvalidClientTokenId" });
    expect(thrown(() => callerOf(signedWith(undefined)))).toMatchObject({ code: "MissingAuthenticationToken", statusCode: 403 });
  });
});
