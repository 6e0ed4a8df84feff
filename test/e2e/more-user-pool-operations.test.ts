import { createHmac } from "node:crypto";
import express from "express";
import request from "supertest";
import {
  AddUserPoolClientSecretCommand,
  AdminGetUserCommand,
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  type CognitoIdentityProviderClient,
  CreateTermsCommand,
  CreateUserImportJobCommand,
  DeleteTermsCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeRiskConfigurationCommand,
  DescribeTermsCommand,
  DescribeUserImportJobCommand,
  DescribeUserPoolClientCommand,
  GetCSVHeaderCommand,
  GetLogDeliveryConfigurationCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListTermsCommand,
  ListUserImportJobsCommand,
  ListUserPoolClientSecretsCommand,
  RevokeTokenCommand,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  StartUserImportJobCommand,
  StopUserImportJobCommand,
  UpdateAuthEventFeedbackCommand,
  UpdateTermsCommand,
  type UserImportJobType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { RunningEmulator } from "../../src/server/emulator";
import { recordAuthEvent } from "../../src/services/user-pools/sign-in/auth-events";
import { userImportRoutes } from "../../src/services/user-pools/directory/import-routes";
import { idpClient, startTestEmulator } from "../support/emulator";

const POOL = "us-east-1_MoreOps001";
const PLAIN = "us-east-1_MoreOps002";
const CONFIDENTIAL = "moreopsconfidential000001";
const SECRET = "moreopsfirstsecret0000000000000000000000000000000001";
const PUBLIC = "moreopspublicclient000001";
const PASSWORD = "Passw0rd!";
const LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito";
const IMPORT_ROLE = "arn:aws:iam::123456789012:role/CognitoImport";

const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "more-operations",
      UserPoolTier: "PLUS",
      UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
      AutoVerifiedAttributes: ["email"],
      MfaConfiguration: "OFF",
      Schema: [{ Name: "plan", AttributeDataType: "String", Mutable: true }],
      Clients: [
        {
          ClientId: CONFIDENTIAL,
          ClientName: "server",
          ClientSecret: SECRET,
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthScopes: ["orders/read"],
        },
        { ClientId: PUBLIC, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
      ],
      ResourceServers: [{ Identifier: "orders", Name: "Orders", Scopes: [{ ScopeName: "read", ScopeDescription: "read orders" }] }],
      Users: [{ Username: "ann", Password: PASSWORD, Attributes: { email: "ann@example.com", email_verified: "true" } }],
    },
    { Id: PLAIN, PoolName: "plain", Clients: [{ ClientId: "moreopsplainclient0000001", ClientName: "plain" }], Users: [{ Username: "bo", Password: PASSWORD }] },
  ],
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

beforeAll(async () => {
  emu = await startTestEmulator(fixture);
  idp = idpClient(emu);
});
afterAll(async () => {
  idp?.destroy();
  await emu?.stop();
});
beforeEach(() => emu.reset());

const secretHash = (secret: string, username = "ann", clientId = CONFIDENTIAL) => createHmac("sha256", secret).update(username + clientId).digest("base64");
const failure = (name: string, message?: RegExp) => expect.objectContaining({ name, ...(message ? { message: expect.stringMatching(message) } : {}) });

describe("client secrets", () => {
  const signIn = (secret: string) =>
    idp.send(
      new InitiateAuthCommand({ ClientId: CONFIDENTIAL, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ann", PASSWORD, SECRET_HASH: secretHash(secret) } }),
    );
  const clientCredentials = (secret: string) =>
    fetch(`${emu.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${CONFIDENTIAL}:${secret}`).toString("base64")}` },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });

  it("rotates: two secrets both valid, the oldest one shown, the last one kept", async () => {
    const { ClientSecrets: before } = await idp.send(new ListUserPoolClientSecretsCommand({ UserPoolId: POOL, ClientId: CONFIDENTIAL }));
    expect(before).toEqual([{ ClientSecretId: expect.stringMatching(new RegExp(`^${CONFIDENTIAL}--\\d+$`)), ClientSecretCreateDate: expect.any(Date) }]);

    const { ClientSecretDescriptor: added } = await idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: POOL, ClientId: CONFIDENTIAL }));
    const second = added!.ClientSecretValue!;
    expect(second).toMatch(/^[a-z0-9]{51}$/);
    const { ClientSecrets: both } = await idp.send(new ListUserPoolClientSecretsCommand({ UserPoolId: POOL, ClientId: CONFIDENTIAL }));
    expect(both!.map((secret) => secret.ClientSecretId)).toEqual([before![0].ClientSecretId, added!.ClientSecretId]);
    expect(both!.every((secret) => secret.ClientSecretValue === undefined)).toBe(true);

    expect((await signIn(SECRET)).AuthenticationResult?.AccessToken).toBeDefined();
    expect((await signIn(second)).AuthenticationResult?.AccessToken).toBeDefined();
    expect((await clientCredentials(SECRET)).status).toBe(200);
    expect((await clientCredentials(second)).status).toBe(200);
    await expect(idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: POOL, ClientId: CONFIDENTIAL }))).rejects.toEqual(failure("LimitExceededException"));

    await idp.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: POOL, ClientId: CONFIDENTIAL, ClientSecretId: before![0].ClientSecretId }));
    await expect(signIn(SECRET)).rejects.toEqual(failure("NotAuthorizedException", /Unable to verify secret hash/));
    expect((await clientCredentials(SECRET)).status).toBe(400);
    const { UserPoolClient } = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: CONFIDENTIAL }));
    expect(UserPoolClient!.ClientSecret).toBe(second);
    await expect(
      idp.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: POOL, ClientId: CONFIDENTIAL, ClientSecretId: added!.ClientSecretId })),
    ).rejects.toEqual(failure("InvalidParameterException"));
  });

  it("accepts a secret of the caller's own without echoing it, for refresh and revocation too", async () => {
    const own = "my-own-rotation-secret-value-000".replace(/-/g, "_");
    const { ClientSecretDescriptor } = await idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: POOL, ClientId: CONFIDENTIAL, ClientSecret: own }));
    expect(ClientSecretDescriptor!.ClientSecretValue).toBeUndefined();

    const { AuthenticationResult } = await signIn(own);
    const refreshed = await idp.send(
      new InitiateAuthCommand({
        ClientId: CONFIDENTIAL,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken!, SECRET_HASH: secretHash(own) },
      }),
    );
    expect(refreshed.AuthenticationResult?.AccessToken).toBeDefined();
    const viaSecret = await idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: CONFIDENTIAL, ClientSecret: own, RefreshToken: AuthenticationResult!.RefreshToken! }));
    expect(viaSecret.AuthenticationResult?.AccessToken).toBeDefined();
    await expect(idp.send(new RevokeTokenCommand({ ClientId: CONFIDENTIAL, ClientSecret: "not_a_secret_of_this_client", Token: AuthenticationResult!.RefreshToken! }))).rejects.toEqual(
      failure("UnauthorizedException"),
    );
    await idp.send(new RevokeTokenCommand({ ClientId: CONFIDENTIAL, ClientSecret: own, Token: AuthenticationResult!.RefreshToken! }));
  });

  it("refuses a public client and an unknown secret id", async () => {
    await expect(idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: POOL, ClientId: PUBLIC }))).rejects.toEqual(failure("InvalidParameterException"));
    await expect(
      idp.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: POOL, ClientId: CONFIDENTIAL, ClientSecretId: `${CONFIDENTIAL}--1` })),
    ).rejects.toEqual(failure("ResourceNotFoundException"));
  });
});

describe("terms documents", () => {
  const links = { "cognito:default": "https://example.com/terms", "cognito:spanish": "https://example.com/es/terms" };

  it("creates one document per name and client, then describes, lists, updates and deletes it", async () => {
    const { Terms } = await idp.send(
      new CreateTermsCommand({ UserPoolId: POOL, ClientId: PUBLIC, TermsName: "terms-of-use", TermsSource: "LINK", Enforcement: "NONE", Links: links }),
    );
    expect(Terms).toEqual({
      TermsId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      UserPoolId: POOL,
      ClientId: PUBLIC,
      TermsName: "terms-of-use",
      TermsSource: "LINK",
      Enforcement: "NONE",
      Links: links,
      CreationDate: expect.any(Date),
      LastModifiedDate: expect.any(Date),
    });
    await expect(
      idp.send(new CreateTermsCommand({ UserPoolId: POOL, ClientId: PUBLIC, TermsName: "terms-of-use", TermsSource: "LINK", Enforcement: "NONE", Links: links })),
    ).rejects.toEqual(failure("TermsExistsException"));
    const privacy = await idp.send(
      new CreateTermsCommand({ UserPoolId: POOL, ClientId: PUBLIC, TermsName: "privacy-policy", TermsSource: "LINK", Enforcement: "NONE", Links: links }),
    );

    const firstPage = await idp.send(new ListTermsCommand({ UserPoolId: POOL, MaxResults: 1 }));
    expect(firstPage.Terms!.map((terms) => terms.TermsName)).toEqual(["terms-of-use"]);
    const secondPage = await idp.send(new ListTermsCommand({ UserPoolId: POOL, MaxResults: 1, NextToken: firstPage.NextToken }));
    expect(secondPage.Terms!.map((terms) => terms.TermsName)).toEqual(["privacy-policy"]);
    expect(secondPage.NextToken).toBeUndefined();

    await expect(idp.send(new UpdateTermsCommand({ UserPoolId: POOL, TermsId: Terms!.TermsId, TermsName: "privacy-policy" }))).rejects.toEqual(
      failure("TermsExistsException"),
    );
    const updated = await idp.send(new UpdateTermsCommand({ UserPoolId: POOL, TermsId: Terms!.TermsId, Links: { "cognito:default": "https://example.com/v2" } }));
    expect(updated.Terms).toMatchObject({ TermsName: "terms-of-use", Links: { "cognito:default": "https://example.com/v2" } });

    await idp.send(new DeleteTermsCommand({ UserPoolId: POOL, TermsId: privacy.Terms!.TermsId }));
    await expect(idp.send(new DescribeTermsCommand({ UserPoolId: POOL, TermsId: privacy.Terms!.TermsId }))).rejects.toEqual(failure("ResourceNotFoundException"));
    expect((await idp.send(new DescribeTermsCommand({ UserPoolId: POOL, TermsId: Terms!.TermsId }))).Terms!.Links).toEqual({ "cognito:default": "https://example.com/v2" });
  });

  it("wants a client of the pool", async () => {
    await expect(
      idp.send(new CreateTermsCommand({ UserPoolId: PLAIN, ClientId: PUBLIC, TermsName: "terms-of-use", TermsSource: "LINK", Enforcement: "NONE", Links: links })),
    ).rejects.toEqual(failure("ResourceNotFoundException"));
  });
});

describe("user import jobs", () => {
  /** The upload route as the emulator serves it (import-routes.ts), over the same services. */
  const upload = (url: string, csv: string) => request(express().use(userImportRoutes(emu.services))).put(new URL(url).pathname).send(csv);

  const settled = async (jobId: string): Promise<UserImportJobType> => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const { UserImportJob } = await idp.send(new DescribeUserImportJobCommand({ UserPoolId: POOL, JobId: jobId }));
      if (!["Pending", "InProgress"].includes(UserImportJob!.Status!)) return UserImportJob!;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`import job ${jobId} did not finish`);
  };

  const csvOf = (header: string[], users: Array<Record<string, string>>) =>
    [header.join(","), ...users.map((user) => header.map((column) => (user[column] ?? "").replace(/,/g, "\\,")).join(","))].join("\n") + "\n";

  it("imports the uploaded CSV in RESET_REQUIRED, counting skipped and failed users", async () => {
    const { CSVHeader } = await idp.send(new GetCSVHeaderCommand({ UserPoolId: POOL }));
    const { UserImportJob: created } = await idp.send(new CreateUserImportJobCommand({ UserPoolId: POOL, JobName: "first import", CloudWatchLogsRoleArn: IMPORT_ROLE }));
    expect(created).toMatchObject({ Status: "Created", JobName: "first import", CloudWatchLogsRoleArn: IMPORT_ROLE, ImportedUsers: 0, SkippedUsers: 0, FailedUsers: 0 });
    expect(created!.JobId).toMatch(/^import-[0-9a-zA-Z]+$/);
    expect(created!.PreSignedUrl).toBe(`${emu.url}/_emu/import/${created!.JobId}`);

    const verified = { "cognito:mfa_enabled": "false", email_verified: "true" };
    const csv = csvOf(CSVHeader!, [
      { ...verified, "cognito:username": "carl", email: "carl@example.com", name: "Carl, Jr.", "custom:plan": "gold" },
      { ...verified, "cognito:username": "dee", email: "dee@example.com" },
      { ...verified, "cognito:username": "ann", email: "ann2@example.com" },
      { ...verified, "cognito:username": "eve", email_verified: "false", email: "eve@example.com" },
    ]);
    const uploaded = await upload(created!.PreSignedUrl!, csv);
    expect(uploaded.status).toBe(200);
    expect(uploaded.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);

    const { UserImportJob: started } = await idp.send(new StartUserImportJobCommand({ UserPoolId: POOL, JobId: created!.JobId }));
    expect(started).toMatchObject({ Status: "Pending", StartDate: expect.any(Date) });
    await expect(idp.send(new StartUserImportJobCommand({ UserPoolId: POOL, JobId: created!.JobId }))).rejects.toEqual(failure("PreconditionNotMetException"));

    const done = await settled(created!.JobId!);
    expect(done).toMatchObject({ Status: "Failed", ImportedUsers: 2, SkippedUsers: 1, FailedUsers: 1, CompletionDate: expect.any(Date) });
    const carl = await idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "carl" }));
    expect(carl.UserStatus).toBe("RESET_REQUIRED");
    expect(carl.UserAttributes).toEqual(expect.arrayContaining([{ Name: "name", Value: "Carl, Jr." }, { Name: "custom:plan", Value: "gold" }]));
    await expect(idp.send(new StopUserImportJobCommand({ UserPoolId: POOL, JobId: created!.JobId }))).rejects.toEqual(failure("PreconditionNotMetException"));
  });

  it("succeeds when every user imports, and fails a file whose header is not the pool's", async () => {
    const { CSVHeader } = await idp.send(new GetCSVHeaderCommand({ UserPoolId: POOL }));
    const good = await idp.send(new CreateUserImportJobCommand({ UserPoolId: POOL, JobName: "good", CloudWatchLogsRoleArn: IMPORT_ROLE }));
    await upload(good.UserImportJob!.PreSignedUrl!, csvOf(CSVHeader!, [{ "cognito:username": "fay", "cognito:mfa_enabled": "false", email: "fay@example.com", email_verified: "true" }]));
    await idp.send(new StartUserImportJobCommand({ UserPoolId: POOL, JobId: good.UserImportJob!.JobId }));
    expect(await settled(good.UserImportJob!.JobId!)).toMatchObject({ Status: "Succeeded", ImportedUsers: 1, CompletionMessage: "Import Job Completed Successfully." });

    const bad = await idp.send(new CreateUserImportJobCommand({ UserPoolId: POOL, JobName: "bad", CloudWatchLogsRoleArn: IMPORT_ROLE }));
    await upload(bad.UserImportJob!.PreSignedUrl!, "cognito:username,email\ngus,gus@example.com\n");
    await idp.send(new StartUserImportJobCommand({ UserPoolId: POOL, JobId: bad.UserImportJob!.JobId }));
    expect(await settled(bad.UserImportJob!.JobId!)).toMatchObject({ Status: "Failed", ImportedUsers: 0 });

    const listed = await idp.send(new ListUserImportJobsCommand({ UserPoolId: POOL, MaxResults: 1 }));
    expect(listed.UserImportJobs!.map((job) => job.JobName)).toEqual(["good"]);
    const rest = await idp.send(new ListUserImportJobsCommand({ UserPoolId: POOL, MaxResults: 10, PaginationToken: listed.PaginationToken }));
    expect(rest.UserImportJobs!.map((job) => job.JobName)).toEqual(["bad"]);
    expect(rest.PaginationToken).toBeUndefined();
  });

  it("expires a job left unstarted, and refuses uploads to it", async () => {
    const { UserImportJob } = await idp.send(new CreateUserImportJobCommand({ UserPoolId: POOL, JobName: "late", CloudWatchLogsRoleArn: IMPORT_ROLE }));
    await emu.clock.advance(24 * 3600);
    expect((await idp.send(new DescribeUserImportJobCommand({ UserPoolId: POOL, JobId: UserImportJob!.JobId }))).UserImportJob!.Status).toBe("Expired");
    expect((await upload(UserImportJob!.PreSignedUrl!, "x")).status).toBe(403);
    await expect(idp.send(new StartUserImportJobCommand({ UserPoolId: POOL, JobId: UserImportJob!.JobId }))).rejects.toEqual(failure("PreconditionNotMetException"));
    expect((await upload(`${emu.url}/_emu/import/import-nosuchjob`, "x")).status).toBe(404);
  });
});

describe("threat protection", () => {
  it("stores risk configuration per pool and per client, a client inheriting the pool's", async () => {
    const { RiskConfiguration } = await idp.send(
      new SetRiskConfigurationCommand({
        UserPoolId: POOL,
        CompromisedCredentialsRiskConfiguration: { EventFilter: ["SIGN_IN"], Actions: { EventAction: "BLOCK" } },
        RiskExceptionConfiguration: { BlockedIPRangeList: ["192.0.2.0/24"], SkippedIPRangeList: ["2001:db8::/32"] },
      }),
    );
    expect(RiskConfiguration).toMatchObject({ UserPoolId: POOL, ClientId: "ALL", LastModifiedDate: expect.any(Date) });
    const inherited = await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: POOL, ClientId: PUBLIC }));
    expect(inherited.RiskConfiguration).toMatchObject({ ClientId: "ALL", RiskExceptionConfiguration: { BlockedIPRangeList: ["192.0.2.0/24"] } });

    await idp.send(
      new SetRiskConfigurationCommand({
        UserPoolId: POOL,
        ClientId: PUBLIC,
        AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: false, EventAction: "MFA_REQUIRED" } } },
      }),
    );
    const own = await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: POOL, ClientId: PUBLIC }));
    expect(own.RiskConfiguration).toMatchObject({ ClientId: PUBLIC, AccountTakeoverRiskConfiguration: { Actions: { HighAction: { EventAction: "MFA_REQUIRED" } } } });
    expect(own.RiskConfiguration!.RiskExceptionConfiguration).toBeUndefined();

    await idp.send(new SetRiskConfigurationCommand({ UserPoolId: POOL, ClientId: PUBLIC }));
    expect((await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: POOL, ClientId: PUBLIC }))).RiskConfiguration!.ClientId).toBe("ALL");
  });

  it("validates risk configuration as Cognito does", async () => {
    await expect(
      idp.send(new SetRiskConfigurationCommand({ UserPoolId: POOL, RiskExceptionConfiguration: { BlockedIPRangeList: ["10.0.0.0/33"] } })),
    ).rejects.toEqual(failure("InvalidParameterException"));
    await expect(
      idp.send(
        new SetRiskConfigurationCommand({ UserPoolId: POOL, AccountTakeoverRiskConfiguration: { Actions: { LowAction: { Notify: true, EventAction: "NO_ACTION" } } } }),
      ),
    ).rejects.toEqual(failure("InvalidParameterException"));
    await expect(idp.send(new SetRiskConfigurationCommand({ UserPoolId: POOL, ClientId: "moreopsplainclient0000001" }))).rejects.toEqual(
      failure("ResourceNotFoundException"),
    );
    await expect(idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: PLAIN }))).rejects.toEqual(failure("UserPoolAddOnNotEnabledException"));
  });

  it("lists a user's auth events newest first, and takes feedback on them", async () => {
    const ann = emu.services.tables.users.get(emu.services.tables.userKey(POOL, "ann"))!;
    const first = recordAuthEvent(emu.services, ann, { response: "Fail", challenges: [{ ChallengeName: "Password", ChallengeResponse: "Failure" }] })!;
    await emu.clock.advance(1);
    const second = recordAuthEvent(emu.services, ann, { response: "Pass", challenges: [{ ChallengeName: "Password", ChallengeResponse: "Success" }] })!;

    const page = await idp.send(new AdminListUserAuthEventsCommand({ UserPoolId: POOL, Username: "ann", MaxResults: 1 }));
    expect(page.AuthEvents).toEqual([
      {
        EventId: second.EventId,
        EventType: "SignIn",
        CreationDate: expect.any(Date),
        EventResponse: "Pass",
        // A no-risk event has no RiskLevel, as in AWS's example output (developer guide, "Exporting logs from Amazon Cognito user pools").
        EventRisk: { RiskDecision: "NoRisk", CompromisedCredentialsDetected: false },
        ChallengeResponses: [{ ChallengeName: "Password", ChallengeResponse: "Success" }],
      },
    ]);
    const next = await idp.send(new AdminListUserAuthEventsCommand({ UserPoolId: POOL, Username: "ann", NextToken: page.NextToken }));
    expect(next.AuthEvents!.map((event) => event.EventId)).toEqual([first.EventId]);

    await idp.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: POOL, Username: "ann", EventId: first.EventId, FeedbackValue: "Invalid" }));
    await expect(
      idp.send(new UpdateAuthEventFeedbackCommand({ UserPoolId: POOL, Username: "ann", EventId: second.EventId, FeedbackToken: first.FeedbackToken, FeedbackValue: "Valid" })),
    ).rejects.toEqual(failure("NotAuthorizedException"));
    await idp.send(new UpdateAuthEventFeedbackCommand({ UserPoolId: POOL, Username: "ann", EventId: second.EventId, FeedbackToken: second.FeedbackToken, FeedbackValue: "Valid" }));
    const { AuthEvents } = await idp.send(new AdminListUserAuthEventsCommand({ UserPoolId: POOL, Username: "ann" }));
    expect(AuthEvents!.map((event) => event.EventFeedback)).toEqual([
      { FeedbackValue: "Valid", Provider: "User", FeedbackDate: expect.any(Date) },
      { FeedbackValue: "Invalid", Provider: "Admin", FeedbackDate: expect.any(Date) },
    ]);
    await expect(
      idp.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: POOL, Username: "ann", EventId: "no-such-event", FeedbackValue: "Valid" })),
    ).rejects.toEqual(failure("ResourceNotFoundException"));
  });

  it("refuses auth events where threat protection is off", async () => {
    await expect(idp.send(new AdminListUserAuthEventsCommand({ UserPoolId: PLAIN, Username: "bo" }))).rejects.toEqual(failure("UserPoolAddOnNotEnabledException"));
    expect(recordAuthEvent(emu.services, emu.services.tables.users.get(emu.services.tables.userKey(PLAIN, "bo"))!, { response: "Pass" })).toBeUndefined();
  });
});

describe("log delivery", () => {
  it("stores the pool's log destinations and returns them", async () => {
    expect((await idp.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: POOL }))).LogDeliveryConfiguration).toEqual({ UserPoolId: POOL, LogConfigurations: [] });
    const LogConfigurations = [
      { LogLevel: "ERROR" as const, EventSource: "userNotification" as const, CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } },
      { LogLevel: "INFO" as const, EventSource: "userAuthEvents" as const, S3Configuration: { BucketArn: "arn:aws:s3:::cognito-logs" } },
    ];
    const set = await idp.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: POOL, LogConfigurations }));
    expect(set.LogDeliveryConfiguration).toEqual({ UserPoolId: POOL, LogConfigurations });
    expect((await idp.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: POOL }))).LogDeliveryConfiguration).toEqual({ UserPoolId: POOL, LogConfigurations });
  });

  it("refuses what Cognito refuses", async () => {
    const send = (LogConfigurations: any[], UserPoolId = POOL) => idp.send(new SetLogDeliveryConfigurationCommand({ UserPoolId, LogConfigurations }));
    await expect(send([{ LogLevel: "INFO", EventSource: "userNotification", CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } }])).rejects.toEqual(
      failure("InvalidParameterException"),
    );
    await expect(send([{ LogLevel: "ERROR", EventSource: "userNotification", S3Configuration: { BucketArn: "arn:aws:s3:::cognito-logs" } }])).rejects.toEqual(
      failure("InvalidParameterException"),
    );
    await expect(send([{ LogLevel: "INFO", EventSource: "userAuthEvents", CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } }], PLAIN)).rejects.toEqual(
      failure("FeatureUnavailableInTierException"),
    );
  });
});
