import type { Services } from "../services";
import { bulkPublishesIdle } from "./bulk-publish";
import { pushesIdle } from "./push";
import { streamsIdle } from "./streams";

/** Settles once Cognito Sync's outbound work (bulk publishes, Kinesis puts, SNS publishes) has; the emulator waits for it on stop. */
export async function syncOutboundIdle(services: Services): Promise<void> {
  await bulkPublishesIdle(services);
  await streamsIdle(services);
  await pushesIdle(services);
}
