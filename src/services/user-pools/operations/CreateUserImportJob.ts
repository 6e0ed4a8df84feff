import type { CreateUserImportJobRequest, CreateUserImportJobResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { createImportJob, toUserImportJobType } from "../directory/user-import";

export default operation<CreateUserImportJobRequest, CreateUserImportJobResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  return { UserImportJob: toUserImportJobType(ctx.services, createImportJob(ctx.services, pool, input)) };
});
