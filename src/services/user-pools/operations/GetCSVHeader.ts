import type { GetCSVHeaderRequest, GetCSVHeaderResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../lookup";
import type { PoolRecord } from "../records";

/** Attributes a user import cannot set: Cognito assigns `sub`, and `identities` comes from federation. */
const NOT_IMPORTED = new Set(["sub", "identities"]);

/** The pool's schema attributes in schema order (custom ones after the standard), then Cognito's two import columns. */
function csvHeader(pool: PoolRecord): string[] {
  const attributes = (pool.SchemaAttributes ?? []).map((attribute) => attribute.Name!).filter((name) => !NOT_IMPORTED.has(name));
  return [...attributes, "cognito:mfa_enabled", "cognito:username"];
}

export default operation<GetCSVHeaderRequest, GetCSVHeaderResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  ctx.logFields.userPoolId = pool.Id;
  return { UserPoolId: pool.Id, CSVHeader: csvHeader(pool) };
});
