import type { AssumeRoleRequest, AssumeRoleResponse } from "@aws-sdk/client-sts";
import { AccessDenied } from "../../../errors";
import { operation } from "../../operation";
import { assumedRole, callerOf, isFederatedUser, issueCredentials, parseRoleArn } from "../sessions";

const DEFAULT_DURATION_SECONDS = 3600;

/** Any caller but a federated user may assume any role: the emulator has no IAM policies to say otherwise. */
export default operation<AssumeRoleRequest, AssumeRoleResponse>((input, ctx) => {
  const { principal } = callerOf(ctx);
  const role = parseRoleArn(input.RoleArn!);
  if (!role || isFederatedUser(principal)) throw AccessDenied(`User: ${principal.Arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`);
  const session = assumedRole(role, input.RoleSessionName!);
  const credentials = issueCredentials(
    ctx.services,
    { Account: session.Account, Arn: session.Arn, UserId: session.UserId, RoleArn: role.arn, SessionName: input.RoleSessionName },
    input.DurationSeconds ?? DEFAULT_DURATION_SECONDS,
  );
  return {
    Credentials: credentials,
    AssumedRoleUser: { AssumedRoleId: session.AssumedRoleId, Arn: session.Arn },
    SourceIdentity: input.SourceIdentity,
  };
});
