import type * as Kinesis from "@aws-sdk/client-kinesis";
import type * as HttpHandler from "@smithy/node-http-handler";
import { describeFailure } from "./outbound";

/** Local Kinesis servers (LocalStack, moto, kinesalite) accept any signature; these keep the SDK from looking for real keys. */
const DUMMY_CREDENTIALS = { accessKeyId: "cognito-emu", secretAccessKey: "cognito-emu" };
const TIMEOUT_MS = 10_000;

export interface KinesisEntry {
  data: string;
  partitionKey: string;
}

/** Per entry, in order: where it landed, or why Kinesis refused it. */
export type PutResult = { shardId: string; sequenceNumber: string } | { error: string };

/**
 * One PutRecords call (at most 500 entries and 5 MB, as Kinesis takes them). Throws with a one-line
 * reason when the call itself fails (endpoint unreachable, stream not found, ...).
 */
export async function putRecords(endpoint: string, region: string, streamName: string, entries: KinesisEntry[]): Promise<PutResult[]> {
  // Loaded on first use: most runs never stream, and the client costs start-up time.
  const { KinesisClient, PutRecordsCommand } = require("@aws-sdk/client-kinesis") as typeof Kinesis;
  const { NodeHttpHandler } = require("@smithy/node-http-handler") as typeof HttpHandler;
  // The Kinesis client speaks HTTP/2 by default, which local servers over plain HTTP (moto, kinesalite) do not.
  const requestHandler = new NodeHttpHandler();
  const client = new KinesisClient({ endpoint, region, credentials: DUMMY_CREDENTIALS, maxAttempts: 1, requestHandler });
  try {
    const output = await client.send(
      new PutRecordsCommand({
        StreamName: streamName,
        Records: entries.map((entry) => ({ Data: Buffer.from(entry.data), PartitionKey: entry.partitionKey })),
      }),
      { abortSignal: AbortSignal.timeout(TIMEOUT_MS) },
    );
    return entries.map((_, i) => {
      const result = output.Records?.[i];
      if (result?.ShardId && result.SequenceNumber) return { shardId: result.ShardId, sequenceNumber: result.SequenceNumber };
      return { error: `${result?.ErrorCode ?? "UnknownError"}: ${result?.ErrorMessage ?? "no result for the record"}` };
    });
  } catch (error) {
    throw new Error(describeFailure(error));
  } finally {
    client.destroy();
  }
}
