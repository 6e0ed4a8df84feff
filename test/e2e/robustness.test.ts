import { models, type ServiceModel, type Shape } from "../../src/protocol/model";
import type { RunningEmulator } from "../../src/server/emulator";
import { startTestEmulator } from "../support/emulator";

/**
 * Every operation of both JSON APIs, called with an empty body and with bodies built from its input
 * shape (minimal valid-looking values, then hostile ones): the emulator answers each with AWS's JSON
 * (200 or a 4xx with `__type`), never a 5xx, and keeps serving.
 */
const fixture = {
  UserPools: [
    {
      Id: "us-east-1_Robust001",
      PoolName: "robust",
      Clients: [{ ClientId: "robustclient0000000000001", ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Users: [{ Username: "rob", Password: "Passw0rd!" }],
    },
  ],
  IdentityPools: [{ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-00000000000a", IdentityPoolName: "robust", AllowUnauthenticatedIdentities: true }],
};

type Flavour = "plausible" | "hostile";

function valueFor(model: ServiceModel, shape: Shape, member: string, flavour: Flavour, depth = 0): unknown {
  if (depth > 4) return undefined;
  switch (shape.type) {
    case "structure": {
      if (shape.document) return flavour === "hostile" ? { nested: [1, { a: null }] } : {};
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (flavour === "plausible" && !(shape.required ?? []).includes(name)) continue;
        const value = valueFor(model, model.shapes[ref.shape], name, flavour, depth + 1);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case "list":
      return [valueFor(model, model.shapes[shape.member!.shape], member, flavour, depth + 1)].filter((v) => v !== undefined);
    case "map":
      return { key: valueFor(model, model.shapes[shape.value!.shape], member, flavour, depth + 1) };
    case "string":
      if (shape.enum) return flavour === "hostile" ? shape.enum[shape.enum.length - 1] : shape.enum[0];
      if (flavour === "hostile") return "x".repeat(Math.min(shape.max ?? 64, 2048));
      if (/UserPoolId/.test(member)) return "us-east-1_Robust001";
      if (/IdentityPoolId/.test(member)) return "us-east-1:00000000-0000-4000-8000-00000000000a";
      if (/ClientId/.test(member)) return "robustclient0000000000001";
      if (/Username/.test(member)) return "rob";
      return "a".repeat(Math.max(shape.min ?? 1, 1));
    case "integer":
    case "long":
      return flavour === "hostile" ? (shape.max ?? 2 ** 31 - 1) : (shape.min ?? 1);
    case "boolean":
      return flavour === "hostile";
    case "timestamp":
      return flavour === "hostile" ? 0 : 1_700_000_000;
    case "blob":
      return Buffer.from("robust").toString("base64");
    default:
      return undefined;
  }
}

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(fixture);
});
afterAll(() => emu.stop());

const services = [
  { prefix: "AWSCognitoIdentityProviderService", model: models["cognito-idp"] },
  { prefix: "AWSCognitoIdentityService", model: models["cognito-identity"] },
];

describe.each(services)("$prefix answers every operation with AWS's JSON, never a 5xx", ({ prefix, model }) => {
  it.each(Object.keys(model.operations).sort())("%s", async (operation) => {
    const input = model.operations[operation].input;
    const bodies = ["{}", ...(input ? (["plausible", "hostile"] as Flavour[]).map((f) => JSON.stringify(valueFor(model, model.shapes[input], "", f))) : [])];
    for (const body of bodies) {
      const res = await fetch(emu.url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${prefix}.${operation}` }, body });
      const text = await res.text();
      expect([res.status, body, text]).toEqual([expect.any(Number), body, expect.any(String)]);
      if (res.status >= 500) throw new Error(`${operation} answered ${res.status} to ${body}: ${text}`);
      if (res.status >= 400) expect(JSON.parse(text).__type).toEqual(expect.any(String));
    }
  });
});

it("still serves after all of that", async () => {
  expect((await fetch(`${emu.url}/health`)).status).toBe(200);
});
