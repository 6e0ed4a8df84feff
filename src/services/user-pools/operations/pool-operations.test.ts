import type { OperationContext } from "../../operation";
import type { Services } from "../../services";
import AddCustomAttributes from "./AddCustomAttributes";
import CreateUserPool from "./CreateUserPool";
import DeleteUserPool from "./DeleteUserPool";
import DescribeUserPool from "./DescribeUserPool";
import ListUserPools from "./ListUserPools";
import UpdateUserPool from "./UpdateUserPool";
import { servicesTestbed } from "../../testing";

function testServices(): Services {
  return servicesTestbed().services;
}

const services = testServices();
const context = (region = "us-east-1"): OperationContext => ({ region, requestId: "r", services, logFields: {}, headers: {} });

describe("user pool operations", () => {
  it("create, describe, update, add attributes, list and delete a pool", async () => {
    const ctx = context();
    const { UserPool } = await CreateUserPool({ PoolName: "crud" }, ctx);
    const id = UserPool!.Id!;
    expect(ctx.logFields.userPoolId).toBe(id);
    expect(UserPool).toMatchObject({ Name: "crud", MfaConfiguration: "OFF", EstimatedNumberOfUsers: 0 });
    expect(UserPool!.CreationDate).toBeInstanceOf(Date);

    expect(await UpdateUserPool({ UserPoolId: id, MfaConfiguration: "OPTIONAL" }, context())).toEqual({});
    expect(await AddCustomAttributes({ UserPoolId: id, CustomAttributes: [{ Name: "plan", AttributeDataType: "String" }] }, context())).toEqual({});
    const described = await DescribeUserPool({ UserPoolId: id }, context());
    expect(described.UserPool).toMatchObject({ MfaConfiguration: "OPTIONAL" });
    expect(described.UserPool!.SchemaAttributes!.at(-1)!.Name).toBe("custom:plan");

    const listed = await ListUserPools({ MaxResults: 60 }, context());
    expect(listed.UserPools!.map((p) => p.Id)).toContain(id);
    expect((await ListUserPools({ MaxResults: 60 }, context("ap-south-1"))).UserPools).toEqual([]);

    const deleting = context();
    expect(await DeleteUserPool({ UserPoolId: id }, deleting)).toEqual({});
    expect(deleting.logFields.userPoolId).toBe(id);
    expect(() => DescribeUserPool({ UserPoolId: id }, context())).toThrow(`User pool ${id} does not exist.`);
  });

  it("pages through the region's pools", async () => {
    const region = "ca-central-1";
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push((await CreateUserPool({ PoolName: `p${i}` }, context(region))).UserPool!.Id!);
      services.clock.advance(1);
    }
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ListUserPools({ MaxResults: 2, NextToken }, context(region));
      expect(page.UserPools!.length).toBeLessThanOrEqual(2);
      seen.push(...page.UserPools!.map((p) => p.Id!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen).toEqual(created);
  });

  it("answers ResourceNotFoundException for an unknown pool", () => {
    const unknown = { UserPoolId: "us-east-1_NotThere0" };
    for (const run of [
      () => DescribeUserPool(unknown, context()),
      () => UpdateUserPool(unknown, context()),
      () => DeleteUserPool(unknown, context()),
      () => AddCustomAttributes({ ...unknown, CustomAttributes: [{ Name: "x", AttributeDataType: "String" }] }, context()),
    ]) {
      expect(run).toThrow(expect.objectContaining({ code: "ResourceNotFoundException", message: "User pool us-east-1_NotThere0 does not exist." }));
    }
  });
});
