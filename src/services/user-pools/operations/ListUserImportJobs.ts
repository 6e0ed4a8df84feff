import type { ListUserImportJobsRequest, ListUserImportJobsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { pageInOrder } from "../directory/list-users";
import { requirePool } from "../directory/lookup";
import { IMPORT_JOB_ORDER, importJobsInPool, toUserImportJobType } from "../directory/user-import";

export default operation<ListUserImportJobsRequest, ListUserImportJobsResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const page = pageInOrder(importJobsInPool(ctx.services, pool.Id), IMPORT_JOB_ORDER, input.MaxResults, input.PaginationToken);
  return { UserImportJobs: page.items.map((job) => toUserImportJobType(ctx.services, job)), PaginationToken: page.nextToken };
});
