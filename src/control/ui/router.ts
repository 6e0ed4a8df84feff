import express, { type NextFunction, type Request, type Response } from "express";
import { ServiceError } from "../../errors";
import type { Services } from "../../services/services";
import { requirePool } from "../../services/user-pools/directory/lookup";
import { type ConsoleNewUser, confirmConsoleUser, createConsoleUser, deleteConsoleUser, setConsoleUserEnabled } from "./actions";
import { CONSOLE_HTML } from "./assets/page";
import { CONSOLE_JS } from "./assets/script";
import { CONSOLE_CSS } from "./assets/style";
import { PAGE_POLICY, UI_PATH } from "./paths";
import { overview, poolDetail } from "./views";

export { UI_PATH } from "./paths";

/** Changes arrive in bursts (a reset touches every row): browsers hear of them at most this often. */
const CHANGE_BATCH_MS = 150;
/** Keeps idle event streams open through proxies that close silent connections. */
const HEARTBEAT_MS = 20_000;


/**
 * The web console: a static page plus small JSON endpoints, and a server-sent event stream that says
 * which tables changed so open pages refetch what they show.
 */
export function consoleRoutes(services: Services): express.Router {
  const router = express.Router();
  const api = `${UI_PATH}/api`;

  // The page's relative links need the trailing slash; express matches the path with and without it.
  router.get(UI_PATH, (req, res) => {
    const [pathname, query] = req.originalUrl.split("?");
    if (!pathname.endsWith("/")) return res.redirect(308, `${pathname}/${query === undefined ? "" : `?${query}`}`);
    res.set({ "content-type": "text/html; charset=utf-8", "content-security-policy": PAGE_POLICY, "cache-control": "no-store" }).send(CONSOLE_HTML);
  });
  router.get(`${UI_PATH}/console.js`, (_req, res) => void res.type("text/javascript").set("cache-control", "no-store").send(CONSOLE_JS));
  router.get(`${UI_PATH}/console.css`, (_req, res) => void res.type("text/css").set("cache-control", "no-store").send(CONSOLE_CSS));

  router.get(`${api}/overview`, (_req, res) => void res.json(overview(services)));
  router.get(`${api}/pools/:poolId`, (req, res, next) => {
    try {
      const pool = requirePool(services, req.params.poolId);
      res.json(poolDetail(services, pool, typeof req.query.q === "string" ? req.query.q : ""));
    } catch (error) {
      next(error);
    }
  });

  router.get(`${api}/events`, (req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write("retry: 1000\n\n");
    const changed = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      res.write(`event: change\ndata: ${JSON.stringify({ tables: [...changed] })}\n\n`);
      changed.clear();
    };
    const unsubscribe = services.store.onChange((table) => {
      changed.add(table);
      timer ??= setTimeout(flush, CHANGE_BATCH_MS);
    });
    const heartbeat = setInterval(() => res.write(": still here\n\n"), HEARTBEAT_MS);
    req.on("close", () => {
      unsubscribe();
      clearTimeout(timer);
      clearInterval(heartbeat);
    });
  });

  const action =
    (name: string, run: (req: Request) => unknown) =>
    async (req: Request, res: Response, next: NextFunction) => {
      const started = performance.now();
      let outcome = "ok";
      try {
        refuseOtherOrigins(req);
        const result = await services.store.transaction(() => run(req));
        res.json(result ?? { status: "ok" });
      } catch (error) {
        outcome = error instanceof ServiceError ? error.code : "InternalErrorException";
        next(error);
      } finally {
        services.log.request({ operation: `console.${name}`, userPoolId: req.params.poolId === undefined ? undefined : String(req.params.poolId), username: usernameOf(req), outcome, ms: performance.now() - started });
      }
    };
  const userRoute = `${api}/pools/:poolId/users/:username`;
  const body = express.json({ limit: "64kb" });

  router.post(
    `${api}/pools/:poolId/users`,
    body,
    action("CreateUser", async (req) => ({ user: summary(await createConsoleUser(services, String(req.params.poolId), (req.body ?? {}) as ConsoleNewUser)) })),
  );
  router.post(`${userRoute}/confirm`, action("ConfirmUser", (req) => ({ user: summary(confirmConsoleUser(services, String(req.params.poolId), String(req.params.username))) })));
  router.post(`${userRoute}/disable`, action("DisableUser", (req) => ({ user: summary(setConsoleUserEnabled(services, String(req.params.poolId), String(req.params.username), false)) })));
  router.post(`${userRoute}/enable`, action("EnableUser", (req) => ({ user: summary(setConsoleUserEnabled(services, String(req.params.poolId), String(req.params.username), true)) })));
  router.delete(userRoute, action("DeleteUser", (req) => deleteConsoleUser(services, String(req.params.poolId), String(req.params.username))));

  router.use(api, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof ServiceError) {
      res.status(error.statusCode).set("x-amzn-ErrorType", error.code).json({ __type: error.code, message: error.message });
      return;
    }
    next(error);
  });
  return router;
}

function usernameOf(req: Request): string | undefined {
  if (req.params.username) return String(req.params.username);
  const body = req.body as { username?: unknown } | undefined;
  return typeof body?.username === "string" ? body.username : undefined;
}

function summary(user: { Username: string; UserStatus: string; Enabled: boolean }) {
  return { Username: user.Username, UserStatus: user.UserStatus, Enabled: user.Enabled };
}

/**
 * The console's writes come from its own page. Another site the developer has open could otherwise
 * create or delete users in their emulator with a cross-origin form or fetch.
 */
function refuseOtherOrigins(req: Request): void {
  const origin = req.headers.origin;
  if (!origin) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host !== req.headers.host) throw new ServiceError("AccessDeniedException", `The console's actions are not allowed from ${origin}`, 403);
}
