import type { GetAccessKeyInfoRequest, GetAccessKeyInfoResponse } from "@aws-sdk/client-sts";
import { operation } from "../../operation";
import { sessionTable } from "../sessions";

/** The account of an access key: an issued one's own, any other the emulator's account. */
export default operation<GetAccessKeyInfoRequest, GetAccessKeyInfoResponse>((input, ctx) => ({
  Account: sessionTable(ctx.services.store).get(input.AccessKeyId!)?.Account ?? ctx.services.options.accountId,
}));
