import type { DecodeAuthorizationMessageRequest, DecodeAuthorizationMessageResponse } from "@aws-sdk/client-sts";
import { operation } from "../../operation";
import { decodeAuthorizationMessage } from "../authorization-messages";
import { InvalidAuthorizationMessage } from "../errors";
import { callerOf } from "../sessions";

/** Decodes what the emulator encoded (encodeAuthorizationMessage); AWS's own messages are opaque to it. */
export default operation<DecodeAuthorizationMessageRequest, DecodeAuthorizationMessageResponse>((input, ctx) => {
  callerOf(ctx);
  const decoded = decodeAuthorizationMessage(ctx.services, input.EncodedMessage!);
  if (decoded === undefined) throw InvalidAuthorizationMessage("The encoded authorization message is invalid or was not issued by this emulator.");
  return { DecodedMessage: decoded };
});
