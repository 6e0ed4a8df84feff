import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";

/** moto's server (`python3 -m moto.server`): real Kinesis and SNS APIs the emulator is pointed at. */
export interface MotoServer {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts moto on a free port and resolves once it answers. */
export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/moto-api/`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto did not start on ${url}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill();
      await exited;
    },
  };
}

/** moto's model dump (`/moto-api/data.json`): every object its backends hold, by service and model. */
export async function motoModels(moto: MotoServer): Promise<Record<string, Record<string, Array<Record<string, any>>>>> {
  return (await fetch(`${moto.url}/moto-api/data.json`)).json() as Promise<any>;
}
