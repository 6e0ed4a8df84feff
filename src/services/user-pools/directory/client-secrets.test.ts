import { servicesTestbed } from "../../testing";
import { addClientSecret, clientSecrets, deleteClientSecret, secretEntries } from "./client-secrets";
import { createClient } from "./clients";
import { createPool } from "./pools";

describe("client secrets", () => {
  const { services } = servicesTestbed();
  const pool = createPool(services, "us-east-1", { PoolName: "secrets" });
  const confidential = () => createClient(services, pool, { ClientName: "server", GenerateSecret: true });

  it("has none for a public client and its own for a confidential one", () => {
    expect(clientSecrets(createClient(services, pool, { ClientName: "web" }))).toEqual([]);
    const client = confidential();
    expect(clientSecrets(client)).toEqual([client.ClientSecret]);
    expect(secretEntries(client)).toEqual([
      { ClientSecretId: `${client.ClientId}--${client.CreationDate}`, ClientSecretValue: client.ClientSecret, ClientSecretCreateDate: client.CreationDate },
    ]);
  });

  it("gives secrets added within one millisecond distinct ids and keeps the oldest as ClientSecret", () => {
    const client = confidential();
    const { client: rotated, added } = addClientSecret(services, client, "a_secret_of_twenty_four_chars");
    expect(added.ClientSecretId).not.toBe(secretEntries(client)[0].ClientSecretId);
    expect(rotated.ClientSecret).toBe(client.ClientSecret);
    expect(clientSecrets(services.tables.clients.get(client.ClientId)!)).toEqual([client.ClientSecret, "a_secret_of_twenty_four_chars"]);
    expect(() => addClientSecret(services, rotated)).toThrow(expect.objectContaining({ code: "LimitExceededException" }));
    const remaining = deleteClientSecret(services, rotated, secretEntries(client)[0].ClientSecretId);
    expect(remaining.ClientSecret).toBe("a_secret_of_twenty_four_chars");
    expect(clientSecrets(remaining)).toEqual(["a_secret_of_twenty_four_chars"]);
  });

  it("refuses a secret the client already has", () => {
    const client = confidential();
    expect(() => addClientSecret(services, client, client.ClientSecret)).toThrow(expect.objectContaining({ code: "InvalidParameterException" }));
  });

  it("trusts ClientSecret alone once it was replaced without the rotation operations", () => {
    const client = confidential();
    const { client: rotated } = addClientSecret(services, client);
    const replaced = { ...rotated, ClientSecret: "replaced_by_a_fixture_reload_0001" };
    expect(clientSecrets(replaced)).toEqual(["replaced_by_a_fixture_reload_0001"]);
  });
});
