import { spawnSync } from "node:child_process";
import path from "node:path";
import { models, type ServiceName } from "../../src/protocol/model";
import { OperationRegistry } from "../../src/services/registry";

const services: Array<[ServiceName, string]> = [
  ["cognito-idp", "user-pools"],
  ["cognito-identity", "identity-pools"],
  ["sts", "sts"],
  ["cognito-sync", "sync"],
];

describe("operation coverage", () => {
  it.each(services)("every %s handler file names an operation of the model", (service, dir) => {
    const registry = new OperationRegistry(path.resolve(__dirname, "../../src/services", dir, "operations"));
    const model = Object.keys(models[service].operations);
    const implemented = registry.implemented();
    expect(implemented.filter((op) => !model.includes(op))).toEqual([]);
  });

  it("is what the README's table of implemented operations says", () => {
    const check = spawnSync(process.execPath, [path.resolve(__dirname, "../../scripts/operations.js"), "--check"], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });
});
