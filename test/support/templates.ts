import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import type { DescribeUserPoolClientResponse, DescribeUserPoolResponse } from "@aws-sdk/client-cognito-identity-provider";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { StackSummary } from "../../src/fixtures/cloudformation";
import { redirectParams } from "./oauth";

const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

/** GET /_emu/stacks, as an app or a test reads pool and client ids. */
export async function stacksOf(url: string): Promise<StackSummary[]> {
  const response = await fetch(`${url}/_emu/stacks`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { stacks: StackSummary[] }).stacks;
}

/**
 * The authorization code flow through the hosted UI over plain HTTP, as a browser would drive it:
 * authorize, the sign-in form, the redirect with a code, the token endpoint. Returns the tokens.
 */
export async function signInThroughHostedUi(
  url: string,
  client: { clientId: string; redirectUri: string; scope?: string },
  username: string,
  password: string,
): Promise<{ id_token: string; access_token: string; refresh_token: string }> {
  const query = new URLSearchParams({ client_id: client.clientId, redirect_uri: client.redirectUri, response_type: "code", scope: client.scope ?? "openid email" });
  const authorize = await fetch(`${url}/oauth2/authorize?${query}`, { redirect: "manual" });
  expect(authorize.status).toBe(302);
  const login = new URL(authorize.headers.get("location")!, url);
  expect(login.pathname).toBe("/login");
  expect(await (await fetch(login)).text()).toContain('name="password"');
  const submitted = await fetch(login, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password }),
  });
  expect(submitted.status).toBe(302);
  const location = submitted.headers.get("location")!;
  expect(location.startsWith(client.redirectUri)).toBe(true);
  const { code } = redirectParams(location);
  const token = await fetch(`${url}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: client.clientId, code, redirect_uri: client.redirectUri }),
  });
  expect(token.status).toBe(200);
  return (await token.json()) as { id_token: string; access_token: string; refresh_token: string };
}

/** Identity-pool credentials for a user pool's ID token, and the role STS says they stand for. */
export async function identityPoolCredentials(url: string, identityPoolId: string, provider: string, idToken: string): Promise<{ identityId: string; callerArn: string }> {
  const region = identityPoolId.split(":")[0];
  const identity = new CognitoIdentityClient({ endpoint: url, region, credentials: CREDENTIALS, maxAttempts: 1 });
  try {
    const logins = { [provider]: idToken };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: logins }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    const sts = new STSClient({
      endpoint: url,
      region,
      credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken },
      maxAttempts: 1,
    });
    try {
      const { Arn } = await sts.send(new GetCallerIdentityCommand({}));
      return { identityId: IdentityId!, callerArn: Arn! };
    } finally {
      sts.destroy();
    }
  } finally {
    identity.destroy();
  }
}

/** DescribeUserPool's answer without what differs between any two pools: ids, ARNs, dates, the domain and the user count. */
export function poolSettings(described: DescribeUserPoolResponse): Record<string, unknown> {
  const { Id: _id, Arn: _arn, CreationDate: _created, LastModifiedDate: _modified, Domain: _domain, EstimatedNumberOfUsers: _users, ...settings } = described.UserPool!;
  return settings;
}

/** DescribeUserPoolClient's answer without ids, secret and dates. */
export function clientSettings(described: DescribeUserPoolClientResponse): Record<string, unknown> {
  const { ClientId: _id, UserPoolId: _pool, ClientSecret: _secret, CreationDate: _created, LastModifiedDate: _modified, ...settings } = described.UserPoolClient!;
  return settings;
}
