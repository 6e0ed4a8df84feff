import { type UserPoolsClient, userPoolsClient } from "../../services/client";
import type { HostedUi } from "./context";

/**
 * The user-pool API as the hosted UI's pages call it: in process, through the same invoke path as the
 * API (same checks, codes, messages, triggers), each call its own transaction, logged "(hosted UI)".
 */
export function userPools(ui: Pick<HostedUi, "services" | "req" | "request">): UserPoolsClient {
  return userPoolsClient(ui.services, { region: ui.request.pool.Region, sourceIp: ui.req.socket.remoteAddress, headers: ui.req.headers, via: "hosted UI" });
}
