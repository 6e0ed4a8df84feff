import type { Request, Response } from "express";
import { InvalidParameter } from "../../errors";
import type { Services } from "../../services/services";
import { requirePool } from "../../services/user-pools/directory/lookup";
import { single } from "../http";
import { html, sendPage } from "./layout";
import { userPoolsClient } from "../../services/client";

/**
 * GET /feedback: the one-click links of threat protection's notification emails ({one-click-link-valid},
 * {one-click-link-invalid}). The link carries the event and its feedback token; opening it submits
 * UpdateAuthEventFeedback, exactly as an app building its own link from {event-id} and
 * {feedback-token} would.
 */
export async function feedbackLink(services: Services, req: Request, res: Response): Promise<{ poolId: string }> {
  const field = (name: string) => single(req.query[name]);
  const [poolId, username, eventId, token, value] = ["user_pool_id", "username", "event_id", "feedback_token", "feedback_value"].map(field);
  if (!poolId || !username || !eventId || !token || !value) throw InvalidParameter("This feedback link is incomplete.");
  const feedback = value.toLowerCase() === "valid" ? "Valid" : value.toLowerCase() === "invalid" ? "Invalid" : undefined;
  if (!feedback) throw InvalidParameter(`Invalid feedback value ${value}: expected valid or invalid.`);
  const pool = requirePool(services, poolId);
  const userPools = userPoolsClient(services, { region: pool.Region, sourceIp: req.socket.remoteAddress, headers: req.headers, via: "hosted UI" });
  await userPools.updateAuthEventFeedback({ UserPoolId: pool.Id, Username: username, EventId: eventId, FeedbackToken: token, FeedbackValue: feedback });
  const body =
    feedback === "Valid"
      ? html`<p class="textDescription-customizable">Thank you. You told us this sign-in was you.</p>`
      : html`<p class="textDescription-customizable">Thank you. You told us this sign-in was not you; consider changing your password.</p>`;
  sendPage(res, { poolName: pool.Name }, { title: "Thank you for your feedback", body });
  return { poolId: pool.Id };
}
