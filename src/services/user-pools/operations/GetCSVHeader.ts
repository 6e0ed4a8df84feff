import type { GetCSVHeaderRequest, GetCSVHeaderResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { importColumns } from "../directory/user-import";

/** The columns a user import file must have: the same definition the import reads files with. */
export default operation<GetCSVHeaderRequest, GetCSVHeaderResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  return { UserPoolId: pool.Id, CSVHeader: importColumns(pool) };
});
