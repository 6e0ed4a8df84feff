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
    const missing = model.filter((op) => !implemented.includes(op));
    // The report a maintainer reads: what is left of each API.
    process.stdout.write(`${service}: ${implemented.length}/${model.length} operations implemented${missing.length ? `; missing: ${missing.join(", ")}` : ""}\n`);
  });
});
