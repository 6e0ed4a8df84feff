import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { transformSync } from "@swc/core";
import { type RunningEmulator, startEmulator } from "../../src/server/emulator";
import { idpClient, tempDir } from "../support/emulator";

/**
 * The README's "Your infrastructure is your fixture" examples, as a user's project: the CDK app is
 * synthesized as `cdk synth` runs it (CDK_OUTDIR), the SAM template is loaded with the README's
 * --parameter, and /_emu/stacks answers what the README shows.
 */
const ROOT = path.resolve(__dirname, "../..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const SECTION = README.slice(README.indexOf("## Your infrastructure is your fixture"), README.indexOf("\n## ", README.indexOf("## Your infrastructure is your fixture") + 1));

interface Block {
  file?: string;
  lang: string;
  code: string;
}
const blocks: Block[] = [...SECTION.matchAll(/(?:<!-- file: (\S+) -->\n)?```(\w*)\n([\s\S]*?)\n```/g)].map(([, file, lang, code]) => ({ file, lang, code }));

const project = tempDir("cognito-emu-readme-templates-");
fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
for (const block of blocks.filter((b) => b.file)) {
  const target = path.join(project, block.file!);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${block.code}\n`);
}

async function signUpAndIn(emu: RunningEmulator, clientId: string): Promise<void> {
  const idp: CognitoIdentityProviderClient = idpClient(emu);
  try {
    const signUp = (email: string) => idp.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: "Passw0rd!", UserAttributes: [{ Name: "email", Value: email }] }));
    await expect(signUp("eve@elsewhere.test")).rejects.toMatchObject({ name: "UserLambdaValidationException", message: "PreSignUp failed with error Only example.com may sign up." });
    expect((await signUp("ann@example.com")).UserConfirmed).toBe(true);
    const { AuthenticationResult } = await idp.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ann@example.com", PASSWORD: "Passw0rd!" } }),
    );
    expect(AuthenticationResult?.IdToken).toBeDefined();
  } finally {
    idp.destroy();
  }
}

describe("README: Your infrastructure is your fixture", () => {
  it("has a SAM and a CDK example, and a sample of /_emu/stacks", () => {
    expect(blocks.map((b) => b.file ?? b.lang)).toEqual(["auth/template.yaml", "auth/src/app.js", "sh", "cdk/app.ts", "cdk/lambda/pre-sign-up/index.js", "json"]);
  });

  it("serves the SAM example with the README's command line, and /_emu/stacks answers as the README shows", async () => {
    const command = blocks.find((b) => b.lang === "sh")!.code;
    expect(command).toBe("npx cognito-emu start --fixtures auth/template.yaml --parameter Stage=dev");
    const emu = await startEmulator({ port: 0, quiet: true, watch: false, fixtures: [path.join(project, "auth/template.yaml")], parameters: { Stage: "dev" } });
    try {
      const { stacks } = (await (await fetch(`${emu.url}/_emu/stacks`)).json()) as { stacks: Array<Record<string, unknown>> };
      const shown = JSON.parse(blocks.find((b) => b.lang === "json")!.code) as { stacks: Array<Record<string, unknown>> };
      expect(stacks).toEqual(shown.stacks.map((stack) => ({ ...stack, file: path.join(project, "auth/template.yaml") })));
      await signUpAndIn(emu, (stacks[0].outputs as Record<string, string>).ClientId);
    } finally {
      await emu.stop();
    }
  });

  it("serves the CDK example's cloud assembly, the function running from the staged asset", async () => {
    const cdk = path.join(project, "cdk");
    const app = transformSync(fs.readFileSync(path.join(cdk, "app.ts"), "utf8"), {
      filename: "app.ts",
      jsc: { parser: { syntax: "typescript" }, target: "es2022" },
      module: { type: "commonjs" },
    }).code;
    fs.writeFileSync(path.join(cdk, "app.js"), app);
    // What `cdk synth` does: run the app with CDK_OUTDIR set.
    const synth = spawnSync(process.execPath, ["app.js"], { cwd: cdk, env: { ...process.env, CDK_OUTDIR: path.join(cdk, "cdk.out") }, encoding: "utf8", timeout: 60_000 });
    expect({ status: synth.status, stderr: synth.stderr }).toMatchObject({ status: 0 });
    const emu = await startEmulator({ port: 0, quiet: true, watch: false, fixtures: [path.join(cdk, "cdk.out")] });
    try {
      const [stack] = emu.stacks();
      expect(stack.stackName).toBe("ShopAuth");
      await signUpAndIn(emu, stack.outputs.ClientId as string);
    } finally {
      await emu.stop();
    }
  }, 60_000);
});
