import express from "express";
import type { ExampleLogin } from "../fixtures/example-login";
import type { FixtureDocument } from "../fixtures/schema";
import type { Services } from "../services/services";
import { listStreamRecords, streamPayload } from "../services/sync/streams";
import { ServiceError } from "../errors";
import { healthBody } from "./health";
import { mintTokens } from "./mint";
import { landingRoutes } from "./ui/landing";
import { consoleRoutes } from "./ui/router";
import { forceRiskRequest, forgetRiskRequest } from "./risk";

export interface ControlHooks {
  services: Services;
  reset(): Promise<void>;
  state(): FixtureDocument | Promise<FixtureDocument>;
  /** The state as JSON text, chunk by chunk (`write` resolves when the reader wants more); state() otherwise. */
  writeState?(write: (chunk: string) => Promise<void>): Promise<void>;
  persistClock(): void;
  /** The CloudFormation stacks loaded as fixtures. */
  stacks?(): unknown[];
  /** The fixture user the banner names, for the landing page. */
  exampleLogin?(): ExampleLogin | undefined;
}


/** `/health` and `/_emu/*`: what a test needs from the emulator beyond the AWS APIs, and the web console. */
export function controlRoutes(hooks: ControlHooks): express.Router {
  const { services } = hooks;
  const router = express.Router();

  router.get("/health", (_req, res) => void res.json(healthBody(services)));

  const messageFilter = (req: express.Request) => ({
    userPoolId: typeof req.query.userPoolId === "string" && req.query.userPoolId ? req.query.userPoolId : undefined,
    username: typeof req.query.username === "string" && req.query.username ? req.query.username : undefined,
  });
  router.get("/_emu/messages", (req, res) => void res.json({ messages: services.outbox.list(messageFilter(req)) }));
  // Same filters: a test (or the console) empties the outbox, or one user's share of it.
  router.delete("/_emu/messages", async (req, res, next) => {
    try {
      const cleared = await services.store.transaction(() => services.outbox.clear(messageFilter(req)));
      res.json({ cleared });
    } catch (error) {
      next(error);
    }
  });

  router.get("/_emu/streams", (req, res) => {
    const text = (name: string) => (typeof req.query[name] === "string" && req.query[name] ? (req.query[name] as string) : undefined);
    res.json({ records: listStreamRecords(services, { identityPoolId: text("identityPoolId"), identityId: text("identityId"), datasetName: text("datasetName") }) });
  });

  // What a URL-form Cognito Streams record points to (Cognito's presigned S3 URL): the change's records.
  router.get("/_emu/streams/payloads/:key", (req, res) => {
    const payload = /^\d{1,16}$/.test(req.params.key) ? streamPayload(services, req.params.key) : undefined;
    if (!payload) {
      res.status(404).json({ __type: "ResourceNotFoundException", message: `No stream payload ${req.params.key}` });
      return;
    }
    res.json(payload);
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

  // Forced risk levels for tests of adaptive authentication (risk.ts).
  const riskBody = express.json({ type: () => true, limit: "16kb" });
  const answer = (res: express.Response, run: () => unknown) => {
    services.store
      .transaction(run)
      .then((result) => void res.json(result))
      .catch((error: unknown) => {
        if (!(error instanceof ServiceError)) throw error;
        res.status(error.statusCode).set("x-amzn-ErrorType", error.code).json({ __type: error.code, message: error.message });
      })
      .catch((error: unknown) => {
        services.log.error(`risk control failed: ${(error as Error)?.message ?? String(error)}`);
        if (!res.headersSent) res.status(500).json({ __type: "InternalErrorException", message: "Internal error" });
      });
  };
  router.post("/_emu/risk", riskBody, (req, res) => answer(res, () => forceRiskRequest(services, req.body)));
  router.delete("/_emu/risk", riskBody, (req, res) => {
    const fromBody = req.body && typeof req.body === "object" && Object.keys(req.body as object).length ? req.body : undefined;
    answer(res, () => forgetRiskRequest(services, fromBody ?? queryFields(req.query)));
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

  router.post("/_emu/tokens", express.json({ type: () => true, limit: "64kb" }), async (req, res, next) => {
    const started = performance.now();
    const body = req.body as { userPoolId?: unknown; username?: unknown } | undefined;
    let outcome = "ok";
    try {
      res.json(await services.store.transaction(() => mintTokens(services, req.body)));
    } catch (error) {
      outcome = error instanceof ServiceError ? error.code : "InternalErrorException";
      if (!(error instanceof ServiceError)) return next(error);
      res.status(error.statusCode).set("x-amzn-ErrorType", error.code).json({ __type: error.code, message: error.message });
    } finally {
      services.log.request({
        operation: "MintTokens (/_emu/tokens)",
        userPoolId: typeof body?.userPoolId === "string" ? body.userPoolId : undefined,
        username: typeof body?.username === "string" ? body.username : undefined,
        outcome,
        ms: performance.now() - started,
      });
    }
  });

  router.get("/_emu/stacks", (_req, res) => void res.json({ stacks: hooks.stacks?.() ?? [] }));

  router.use(consoleRoutes(services));
  router.use(landingRoutes(services, () => hooks.exampleLogin?.()));

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

/** The query's single-valued parameters. */
function queryFields(query: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
