import type * as Sns from "@aws-sdk/client-sns";
import { describeFailure } from "./outbound";

/** Local SNS servers (LocalStack, moto) accept any signature; these keep the SDK from looking for real keys. */
const DUMMY_CREDENTIALS = { accessKeyId: "cognito-emu", secretAccessKey: "cognito-emu" };
const TIMEOUT_MS = 10_000;

/**
 * Publishes to a device through SNS as Cognito Sync does: the device's push token is (idempotently)
 * made a platform endpoint of the pool's platform application, then the message, one JSON text per
 * platform (MessageStructure "json"), is published to that endpoint. Throws a one-line reason.
 */
export async function publishToDevice(endpoint: string, applicationArn: string, token: string, message: string): Promise<{ endpointArn: string; messageId?: string }> {
  // Loaded on first use: most runs never push, and the client costs start-up time.
  const { CreatePlatformEndpointCommand, PublishCommand, SNSClient } = require("@aws-sdk/client-sns") as typeof Sns;
  const region = applicationArn.split(":")[3] || "us-east-1";
  const client = new SNSClient({ endpoint, region, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
  try {
    const created = await client.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: applicationArn, Token: token }), {
      abortSignal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const endpointArn = created.EndpointArn!;
    const published = await client.send(new PublishCommand({ TargetArn: endpointArn, MessageStructure: "json", Message: message }), {
      abortSignal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { endpointArn, messageId: published.MessageId };
  } catch (error) {
    throw new Error(describeFailure(error));
  } finally {
    client.destroy();
  }
}
