import express, { type NextFunction, type Request, type Response } from "express";
import { ResourceNotFound, ServiceError, UserNotFound } from "../../errors";
import { identityPoolTables } from "../../services/identity-pools/tables";
import type { Services } from "../../services/services";
import { requirePool } from "../../services/user-pools/directory/lookup";
import { type AttributeEdits, ConsoleActions, type ConsoleNewUser, consoleCaller, deleteIdentity, type MfaEdits } from "./actions";
import { CONSOLE_HTML } from "./assets/page";
import { CONSOLE_JS } from "./assets/script";
import { CONSOLE_CSS } from "./assets/style";
import { PAGE_POLICY, UI_PATH } from "./paths";
import { decodeToken } from "./decode";
import { identityPoolDetail, overview, poolDetail, userDetail } from "./views";

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

  /** Runs an action as one transaction; its operations log themselves, "(console)". */
  const action =
    (run: (req: Request) => unknown) =>
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        refuseOtherOrigins(req);
        const result = await services.store.transaction(() => run(req));
        res.json(result ?? { status: "ok" });
      } catch (error) {
        next(error);
      }
    };
  const body = express.json({ limit: "64kb" });
  const actionsOf = (req: Request) => new ConsoleActions(services, String(req.params.poolId), consoleCaller(String(req.params.poolId), req.ip));
  const username = (req: Request) => String(req.params.username);
  const input = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
  const userRoute = `${api}/pools/:poolId/users/:username`;

  router.get(userRoute, (req, res, next) => {
    try {
      const pool = requirePool(services, String(req.params.poolId));
      const user = services.tables.users.get(services.tables.userKey(pool.Id, username(req)));
      if (!user) throw UserNotFound("User does not exist.");
      res.json(userDetail(services, pool, user));
    } catch (error) {
      next(error);
    }
  });
  router.post(`${api}/pools/:poolId/users`, body, action(async (req) => ({ user: summary(await actionsOf(req).createUser(input(req) as unknown as ConsoleNewUser)) })));
  router.post(`${userRoute}/confirm`, action(async (req) => ({ user: summary(await actionsOf(req).confirm(username(req))) })));
  router.post(`${userRoute}/disable`, action(async (req) => ({ user: summary(await actionsOf(req).setEnabled(username(req), false)) })));
  router.post(`${userRoute}/enable`, action(async (req) => ({ user: summary(await actionsOf(req).setEnabled(username(req), true)) })));
  router.post(`${userRoute}/reset-password`, action(async (req) => ({ user: summary(await actionsOf(req).resetPassword(username(req))) })));
  router.post(`${userRoute}/sign-out`, action(async (req) => ({ user: summary(await actionsOf(req).signOut(username(req))) })));
  router.post(`${userRoute}/password`, body, action(async (req) => ({ user: summary(await actionsOf(req).setPassword(username(req), input(req))) })));
  router.post(`${userRoute}/attributes`, body, action(async (req) => ({ user: summary(await actionsOf(req).editAttributes(username(req), input(req) as AttributeEdits)) })));
  router.post(`${userRoute}/groups`, body, action(async (req) => ({ user: summary(await actionsOf(req).addToGroup(username(req), input(req).group)) })));
  router.delete(`${userRoute}/groups/:group`, action(async (req) => ({ user: summary(await actionsOf(req).removeFromGroup(username(req), String(req.params.group))) })));
  router.post(`${userRoute}/mfa`, body, action(async (req) => ({ user: summary(await actionsOf(req).setMfa(username(req), input(req) as MfaEdits)) })));
  router.delete(userRoute, action((req) => actionsOf(req).delete(username(req))));

  // Reading a token changes nothing, but its body is a credential: the same-origin rule applies.
  router.post(`${api}/decode`, body, (req, res, next) => {
    try {
      refuseOtherOrigins(req);
      res.json(decodeToken(services, input(req).token));
    } catch (error) {
      next(error);
    }
  });

  router.get(`${api}/identity-pools/:identityPoolId`, (req, res, next) => {
    try {
      const id = String(req.params.identityPoolId);
      if (!identityPoolTables(services).pools.has(id)) throw ResourceNotFound(`IdentityPool '${id}' not found.`);
      res.json(identityPoolDetail(services, id));
    } catch (error) {
      next(error);
    }
  });
  router.delete(
    `${api}/identity-pools/:identityPoolId/identities/:identityId`,
    action((req) => deleteIdentity(services, String(req.params.identityPoolId), String(req.params.identityId), consoleCaller(String(req.params.identityPoolId), req.ip))),
  );

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
