import type { OperationContext } from "../../operation";
import type { Services } from "../../services";
import { createPool } from "../directory/pools";
import CreateUserPoolClient from "./CreateUserPoolClient";
import DeleteUserPoolClient from "./DeleteUserPoolClient";
import DescribeUserPoolClient from "./DescribeUserPoolClient";
import ListUserPoolClients from "./ListUserPoolClients";
import UpdateUserPoolClient from "./UpdateUserPoolClient";
import { servicesTestbed } from "../../testing";

function testServices(): Services {
  return servicesTestbed().services;
}

const services = testServices();
const context = (): OperationContext => ({ region: "us-east-1", requestId: "r", services, logFields: {}, headers: {} });
const pool = createPool(services, "us-east-1", { PoolName: "clients" });
const other = createPool(services, "us-east-1", { PoolName: "other" });

describe("user pool client operations", () => {
  it("create, describe, update, list and delete a client", async () => {
    const ctx = context();
    const { UserPoolClient } = await CreateUserPoolClient({ UserPoolId: pool.Id, ClientName: "web", GenerateSecret: true }, ctx);
    const ClientId = UserPoolClient!.ClientId!;
    expect(ctx.logFields.userPoolId).toBe(pool.Id);
    expect(UserPoolClient!.ClientSecret).toHaveLength(51);

    const described = await DescribeUserPoolClient({ UserPoolId: pool.Id, ClientId }, context());
    expect(described.UserPoolClient).toEqual(UserPoolClient);

    const updated = await UpdateUserPoolClient({ UserPoolId: pool.Id, ClientId, ClientName: "renamed", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] }, context());
    expect(updated.UserPoolClient).toMatchObject({ ClientName: "renamed", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"], ClientSecret: UserPoolClient!.ClientSecret });

    const listed = await ListUserPoolClients({ UserPoolId: pool.Id }, context());
    expect(listed).toEqual({ UserPoolClients: [{ ClientId, UserPoolId: pool.Id, ClientName: "renamed" }], NextToken: undefined });

    expect(await DeleteUserPoolClient({ UserPoolId: pool.Id, ClientId }, context())).toEqual({});
    expect((await ListUserPoolClients({ UserPoolId: pool.Id }, context())).UserPoolClients).toEqual([]);
  });

  it("pages through a pool's clients", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await CreateUserPoolClient({ UserPoolId: other.Id, ClientName: `c${i}` }, context())).UserPoolClient!.ClientId!);
      services.clock.advance(1);
    }
    const first = await ListUserPoolClients({ UserPoolId: other.Id, MaxResults: 2 }, context());
    const second = await ListUserPoolClients({ UserPoolId: other.Id, MaxResults: 2, NextToken: first.NextToken }, context());
    expect([...first.UserPoolClients!, ...second.UserPoolClients!].map((c) => c.ClientId)).toEqual(ids);
    expect(second.NextToken).toBeUndefined();
  });

  it("answers ResourceNotFoundException for an unknown pool or a client of another pool", async () => {
    const { UserPoolClient } = await CreateUserPoolClient({ UserPoolId: other.Id, ClientName: "theirs" }, context());
    const ClientId = UserPoolClient!.ClientId!;
    const notFound = (message: string) => expect.objectContaining({ code: "ResourceNotFoundException", message });
    expect(() => CreateUserPoolClient({ UserPoolId: "us-east-1_NotThere0", ClientName: "x" }, context())).toThrow(notFound("User pool us-east-1_NotThere0 does not exist."));
    expect(() => ListUserPoolClients({ UserPoolId: "us-east-1_NotThere0" }, context())).toThrow(notFound("User pool us-east-1_NotThere0 does not exist."));
    for (const run of [
      () => DescribeUserPoolClient({ UserPoolId: pool.Id, ClientId }, context()),
      () => UpdateUserPoolClient({ UserPoolId: pool.Id, ClientId }, context()),
      () => DeleteUserPoolClient({ UserPoolId: pool.Id, ClientId }, context()),
    ]) {
      expect(run).toThrow(notFound(`User pool client ${ClientId} does not exist.`));
    }
  });
});
