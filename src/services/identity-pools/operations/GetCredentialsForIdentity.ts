import type { GetCredentialsForIdentityInput, GetCredentialsForIdentityResponse } from "@aws-sdk/client-cognito-identity";
import { InvalidIdentityPoolConfiguration } from "../../../errors";
import { operation } from "../../operation";
import { assumedRole, issueCredentials, parseRoleArn } from "../../sts/sessions";
import { chooseRole, INVALID_CONFIGURATION } from "../roles";
import { signIn } from "../sign-in";

/** Cognito's credentials for an identity pool session last an hour. */
const CREDENTIALS_SECONDS = 3600;
/** The session name STS shows for credentials from an identity pool. */
const SESSION_NAME = "CognitoIdentityCredentials";

export default operation<GetCredentialsForIdentityInput, GetCredentialsForIdentityResponse>(async (input, ctx) => {
  const { services } = ctx;
  const signedIn = await signIn(services, input.IdentityId!, input.Logins);
  const roleArn = chooseRole(signedIn.pool, signedIn.authenticated, signedIn.logins, input.CustomRoleArn);
  // STS would refuse to assume what is not a role.
  const role = parseRoleArn(roleArn);
  if (!role) throw InvalidIdentityPoolConfiguration(INVALID_CONFIGURATION);
  const credentials = issueCredentials(
    services,
    { ...assumedRole(role, SESSION_NAME), RoleArn: roleArn, SessionName: SESSION_NAME, IdentityId: signedIn.identity.IdentityId },
    CREDENTIALS_SECONDS,
  );
  return {
    IdentityId: signedIn.identity.IdentityId,
    Credentials: {
      AccessKeyId: credentials.AccessKeyId,
      SecretKey: credentials.SecretAccessKey,
      SessionToken: credentials.SessionToken,
      Expiration: credentials.Expiration,
    },
  };
});
