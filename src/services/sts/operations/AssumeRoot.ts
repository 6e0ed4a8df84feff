import type { AssumeRootRequest, AssumeRootResponse } from "@aws-sdk/client-sts";
import { AccessDenied } from "../../../errors";
import { operation } from "../../operation";
import { ValidationError } from "../errors";
import { callerOf, isFederatedUser, isRootUser, issueCredentials } from "../sessions";

const DEFAULT_DURATION_SECONDS = 900;
/** The AWS managed policies that scope a privileged root session. */
const ROOT_TASK_POLICIES = ["IAMAuditRootUserCredentials", "IAMCreateRootUserPassword", "IAMDeleteRootUserCredentials", "S3UnlockBucketPolicy", "SQSUnlockQueuePolicy"].map(
  (name) => `arn:aws:iam::aws:policy/root-task/${name}`,
);
const TARGET = /^(?:(\d{12})|arn:aws(?:-[a-z]+)*:iam::(\d{12}):root)$/;

/**
 * Short-lived credentials acting as a member account's root user. The emulator has no organization:
 * any account is taken as a member, and any caller but a root user or a federated user as its management.
 */
export default operation<AssumeRootRequest, AssumeRootResponse>((input, ctx) => {
  const { principal } = callerOf(ctx);
  const target = TARGET.exec(input.TargetPrincipal!);
  if (!target) throw ValidationError(`Invalid TargetPrincipal: ${input.TargetPrincipal} is neither an account ID nor an account's root user ARN`);
  const account = target[1] ?? target[2];
  const resource = `arn:aws:iam::${account}:root`;
  if (isRootUser(principal) || isFederatedUser(principal)) {
    throw AccessDenied(`User: ${principal.Arn} is not authorized to perform: sts:AssumeRoot on resource: ${resource}`);
  }
  const policy = input.TaskPolicyArn?.arn;
  if (!policy || !ROOT_TASK_POLICIES.includes(policy)) {
    throw ValidationError(`Invalid TaskPolicyArn: ${policy ?? "(none)"}. Use one of: ${ROOT_TASK_POLICIES.join(", ")}`);
  }
  const credentials = issueCredentials(ctx.services, { Account: account, Arn: resource, UserId: account }, input.DurationSeconds ?? DEFAULT_DURATION_SECONDS);
  return { Credentials: credentials };
});
