import express from "express";
import type { FixtureDocument } from "../fixtures/schema";
import type { Services } from "../services/services";
import { healthBody } from "./health";
import { consoleRoutes } from "./ui/router";

export interface ControlHooks {
  services: Services;
  reset(): Promise<void>;
  state(): FixtureDocument | Promise<FixtureDocument>;
  /** The state as JSON text, chunk by chunk (`write` resolves when the reader wants more); state() otherwise. */
  writeState?(write: (chunk: string) => Promise<void>): Promise<void>;
  persistClock(): void;
  /** The CloudFormation stacks loaded as fixtures. */
  stacks?(): unknown[];
}


/** `/health` and `/_emu/*`: what a test needs from the emulator beyond the AWS APIs, and the web console. */
export function controlRoutes(hooks: ControlHooks): express.Router {
  const { services } = hooks;
  const router = express.Router();

  router.get("/health", (_req, res) => void res.json(healthBody(services)));

  router.get("/_emu/messages", (req, res) => {
    const filter = {
      userPoolId: typeof req.query.userPoolId === "string" && req.query.userPoolId ? req.query.userPoolId : undefined,
      username: typeof req.query.username === "string" && req.query.username ? req.query.username : undefined,
    };
    res.json({ messages: services.outbox.list(filter) });
  });

  router.post("/_emu/reset", async (_req, res, next) => {
    try {
      await hooks.reset();
      services.log.info("state reset to the fixtures");
      res.json({ status: "ok" });
    } catch (error) {
      next(error);
    }
  });

  const clockBody = () => ({ offsetSeconds: services.clock.offsetSeconds, now: services.clock.date().toISOString() });
  router.get("/_emu/clock", (_req, res) => void res.json(clockBody()));
  router.post("/_emu/clock", express.json({ type: () => true, limit: "16kb" }), (req, res) => {
    const seconds = (req.body as { advanceSeconds?: unknown } | undefined)?.advanceSeconds;
    if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
      res.status(400).json({ __type: "InvalidParameterException", message: "advanceSeconds must be a number of seconds, 0 or more" });
      return;
    }
    services.clock.advance(seconds);
    hooks.persistClock();
    services.log.info(`clock advanced ${seconds} s (offset now ${services.clock.offsetSeconds} s)`);
    res.json(clockBody());
  });

  router.get("/_emu/state", async (_req, res, next) => {
    try {
      if (!hooks.writeState) return void res.json(await hooks.state());
      // Streamed: a large state is never held whole in memory.
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      await hooks.writeState((chunk) => writeChunk(res, chunk));
      res.end();
    } catch (error) {
      if (res.headersSent) res.destroy(error as Error);
      else next(error);
    }
  });

  router.get("/_emu/stacks", (_req, res) => void res.json({ stacks: hooks.stacks?.() ?? [] }));

  router.use(consoleRoutes(services));

  return router;
}

/** Writes a chunk; resolves once the client takes more, and rejects when it went away. */
function writeChunk(res: express.Response, chunk: string): Promise<void> {
  if (res.destroyed) return Promise.reject(new Error("the client went away"));
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      res.off("drain", onDrain);
      res.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error("the client went away"));
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}
