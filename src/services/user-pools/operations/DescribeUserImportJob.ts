import type { DescribeUserImportJobRequest, DescribeUserImportJobResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { requireImportJob, toUserImportJobType } from "../directory/user-import";

export default operation<DescribeUserImportJobRequest, DescribeUserImportJobResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  return { UserImportJob: toUserImportJobType(ctx.services, requireImportJob(ctx.services, pool.Id, input.JobId!)) };
});
