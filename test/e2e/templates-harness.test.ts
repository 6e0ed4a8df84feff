import fs from "node:fs";
import path from "node:path";
import { harnessOptions } from "../../src/index";
import { parseParameters } from "../../src/options";
import { tempDir } from "../support/emulator";

/** The jest preset and the programmatic options take template parameters as the command line does. */
const ROOT = path.resolve(__dirname, "../..");

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage: { Type: String, AllowedValues: [dev, prod] }
  Callbacks: { Type: CommaDelimitedList, Default: "http://localhost/cb" }
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: !Sub "shop-\${Stage}"
  Web:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ClientName: web
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid]
      CallbackURLs: !Ref Callbacks
Outputs:
  PoolName:
    Value: !Sub "shop-\${Stage}"
  Callbacks:
    Value: !Join [" ", !Ref Callbacks]
`;

describe("template parameters in the test harness", () => {
  it("reads them from cognito-emu.config.json and COGNITO_EMU_PARAMETER, list values keeping their commas", () => {
    const dir = tempDir("cognito-emu-harness-");
    fs.writeFileSync(path.join(dir, "cognito-emu.config.json"), JSON.stringify({ fixtures: "auth.yaml", parameters: { Stage: "prod", Count: 3 } }));
    expect(harnessOptions(dir, {})).toMatchObject({ fixtures: [path.join(dir, "auth.yaml")], parameters: { Stage: "prod", Count: "3" } });
    expect(harnessOptions(dir, { COGNITO_EMU_PARAMETER: "Stage=dev,Callbacks=http://a/cb,http://b/cb" }).parameters).toEqual({ Stage: "dev", Callbacks: "http://a/cb,http://b/cb" });
    expect(() => harnessOptions(dir, { COGNITO_EMU_PARAMETER: "=dev" })).toThrow('COGNITO_EMU_PARAMETER: parameter "=dev" is not Key=Value');
    fs.writeFileSync(path.join(dir, "cognito-emu.config.json"), JSON.stringify({ parameters: ["Stage=dev"] }));
    expect(() => harnessOptions(dir, {})).toThrow(/cognito-emu\.config\.json: option "parameters" must be an object of parameter name -> value$/);
    expect(parseParameters(["A=1", "B=x=y"])).toEqual({ A: "1", B: "x=y" });
  });

  it("starts the jest preset's emulator on a template with the config file's parameters", async () => {
    const dir = tempDir("cognito-emu-preset-");
    fs.writeFileSync(path.join(dir, "auth.yaml"), TEMPLATE);
    fs.writeFileSync(path.join(dir, "cognito-emu.config.json"), JSON.stringify({ fixtures: ["auth.yaml"], parameters: { Stage: "prod", Callbacks: "https://shop.example.com/cb,http://localhost:3000/cb" } }));
    const globalSetup = require(path.join(ROOT, "jest/globalSetup.js")) as (g: object, p: object) => Promise<void>;
    const globalTeardown = require(path.join(ROOT, "jest/globalTeardown.js")) as () => Promise<void>;
    const saved = { ...process.env };
    try {
      await globalSetup({ rootDir: dir }, { rootDir: dir });
      const { stacks } = (await (await fetch(`${process.env.COGNITO_EMU_URL}/_emu/stacks`)).json()) as { stacks: Array<{ stackName: string; outputs: Record<string, string> }> };
      expect(stacks.map((s) => [s.stackName, s.outputs])).toEqual([["auth", { PoolName: "shop-prod", Callbacks: "https://shop.example.com/cb http://localhost:3000/cb" }]]);
    } finally {
      await globalTeardown();
      process.env = saved;
    }
  });
});
