import type { StartUserImportJobRequest, StartUserImportJobResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { requireImportJob, startImportJob, toUserImportJobType } from "../directory/user-import";

export default operation<StartUserImportJobRequest, StartUserImportJobResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const job = startImportJob(ctx.services, requireImportJob(ctx.services, pool.Id, input.JobId!));
  return { UserImportJob: toUserImportJobType(ctx.services, job) };
});
