import type { StopUserImportJobRequest, StopUserImportJobResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { requireImportJob, stopImportJob, toUserImportJobType } from "../directory/user-import";

export default operation<StopUserImportJobRequest, StopUserImportJobResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const job = stopImportJob(ctx.services, requireImportJob(ctx.services, pool.Id, input.JobId!));
  return { UserImportJob: toUserImportJobType(ctx.services, job) };
});
