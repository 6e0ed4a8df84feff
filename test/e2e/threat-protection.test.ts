import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  type AccountTakeoverActionsType,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type AdminInitiateAuthCommandOutput,
  AdminListUserAuthEventsCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateAuthEventFeedbackCommand,
  type AuthEventType,
  ChangePasswordCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  type ContextDataType,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  type NotifyConfigurationType,
  RespondToAuthChallengeCommand,
  type RiskExceptionConfigurationType,
  SetRiskConfigurationCommand,
  type CompromisedCredentialsRiskConfigurationType,
  SignUpCommand,
  UpdateAuthEventFeedbackCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool, type CognitoUserSession } from "amazon-cognito-identity-js";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator, tempDir } from "../support/emulator";

/**
 * Threat protection end to end, with the AWS SDK v3 and amazon-cognito-identity-js. Cognito's words,
 * with their evidence:
 *  - a sign-in adaptive authentication blocks: NotAuthorizedException "Unable to login because of security
 *    reasons."; one from a blocked address: "Request not allowed due to security reasons."; a compromised
 *    password at sign-up or password change: InvalidPasswordException "Provided password cannot be used for
 *    security reasons." (Badsworth/pfml_scripts portal/src/hooks/useAuthLogic.js, written from Cognito's
 *    production answers);
 *  - a blocked compromised sign-in leaves the user RESET_REQUIRED (developer guide, "Working with
 *    compromised-credentials detection"); SRP sign-ins are not checked (same page);
 *  - threat protection needs the Plus plan (hashicorp/terraform-provider-aws#40734);
 *  - EventRisk: NoRisk has no RiskLevel; AccountTakeover and Block carry it (AWS CLI example of
 *    admin-list-user-auth-events; developer guide, "Exporting logs from Amazon Cognito user pools");
 *  - notification placeholders {username}, {ip-address}, {device-name}, {login-time}, {event-id},
 *    {feedback-token}, {one-click-link-valid}, {one-click-link-invalid}, links only with a domain
 *    (developer guide, "Message templates").
 */

const ENF = "us-east-1_ThreatEnf01";
const AUD = "us-east-1_ThreatAud01";
const NODOM = "us-east-1_ThreatNoD01";
const CUS = "us-east-1_ThreatCus01";
const WEB = "threatweb0000000000000001";
const PROP = "threatprop000000000000001";
const PROP_SECRET = "threatpropagatedcontextsecret000000000000000000001";
const AUD_WEB = "threataudit00000000000001";
const HOSTED = "threathosted0000000000001";
const CALLBACK = "https://app.example.com/callback";
const NODOM_WEB = "threatnodomain00000000001";
const CUS_WEB = "threatcustom0000000000001";
const STRONG = "Xq7!vLp2#Rt";
const STRONG2 = "Zr4$mWq8!Kd";
const COMPROMISED = "Password123!";
const DECLARED = "Tr0ub4dor&3x";
const NOTIFY: NotifyConfigurationType = { SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/security@example.com", From: "security@example.com" };

const BLOCKED_SIGN_IN = "Unable to login because of security reasons.";
const BLOCKED_REQUEST = "Request not allowed due to security reasons.";
const COMPROMISED_PASSWORD = "Provided password cannot be used for security reasons.";

const flows = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"];
const user = (Username: string, Password: string, extra: Record<string, string> = {}) => ({
  Username,
  Password,
  Attributes: { email: `${Username}@example.com`, email_verified: "true", ...extra },
});

const TRIGGERS: Record<string, string> = {
  define: `exports.handler = async (event) => {
  const last = event.request.session.at(-1);
  if (last && last.challengeResult) Object.assign(event.response, { issueTokens: true, failAuthentication: false });
  else if (event.request.session.length >= 3) Object.assign(event.response, { issueTokens: false, failAuthentication: true });
  else Object.assign(event.response, { challengeName: "CUSTOM_CHALLENGE", issueTokens: false, failAuthentication: false });
  return event;
};`,
  create: `exports.handler = async (event) => { event.response.publicChallengeParameters = { question: "6 x 7" }; event.response.privateChallengeParameters = { answer: "42" }; return event; };`,
  verify: `exports.handler = async (event) => { event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer; return event; };`,
};

const lambda = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

function fixture(functions: Record<string, string>) {
  return {
    UserPools: [
      {
        Id: ENF,
        PoolName: "threat-enforced",
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
        MfaConfiguration: "OPTIONAL",
        Domain: "threat-enforced",
        CompromisedPasswords: [DECLARED],
        Clients: [
          { ClientId: WEB, ClientName: "web", ExplicitAuthFlows: flows },
          { ClientId: PROP, ClientName: "server", ClientSecret: PROP_SECRET, EnablePropagateAdditionalUserContextData: true, ExplicitAuthFlows: flows },
          {
            ClientId: HOSTED,
            ClientName: "hosted",
            ExplicitAuthFlows: flows,
            AllowedOAuthFlowsUserPoolClient: true,
            AllowedOAuthFlows: ["code"],
            AllowedOAuthScopes: ["openid"],
            CallbackURLs: [CALLBACK],
            SupportedIdentityProviders: ["COGNITO"],
          },
        ],
        Users: [
          user("ann", STRONG, { phone_number: "+15550000001" }),
          user("bob", STRONG),
          user("carl", COMPROMISED),
          user("dan", COMPROMISED),
          user("erin", STRONG),
          { ...user("fay", STRONG), UserStatus: "FORCE_CHANGE_PASSWORD" },
          user("gus", STRONG),
          user("hal", COMPROMISED),
          user("ivy", STRONG, { phone_number: "+15550000002" }),
          user("kim", STRONG),
          user("lou", STRONG),
        ],
      },
      {
        Id: AUD,
        PoolName: "threat-audit",
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
        Domain: "threat-audit",
        Clients: [{ ClientId: AUD_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
        Users: [user("amy", STRONG), user("abe", COMPROMISED)],
      },
      {
        Id: NODOM,
        PoolName: "threat-no-domain",
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
        Clients: [{ ClientId: NODOM_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
        Users: [user("ned", STRONG)],
      },
      {
        Id: CUS,
        PoolName: "threat-custom",
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "OFF", AdvancedSecurityAdditionalFlows: { CustomAuthMode: "ENFORCED" } },
        LambdaConfig: { DefineAuthChallenge: lambda("define"), CreateAuthChallenge: lambda("create"), VerifyAuthChallengeResponse: lambda("verify") },
        Clients: [{ ClientId: CUS_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
        Users: [user("cid", STRONG)],
      },
    ],
    Functions: functions,
  };
}

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

beforeAll(async () => {
  const dir = tempDir("cognito-emu-threat-");
  const functions: Record<string, string> = {};
  for (const [name, source] of Object.entries(TRIGGERS)) {
    functions[name] = path.join(dir, `${name}.js`);
    fs.writeFileSync(functions[name], source);
  }
  emu = await startTestEmulator(fixture(functions));
  idp = idpClient(emu);
});

afterAll(async () => {
  idp?.destroy();
  await emu?.stop();
});

afterEach(async () => {
  await fetch(`${emu.url}/_emu/risk`, { method: "DELETE" });
});

// ---- helpers ----

const NO_ACTION = { EventAction: "NO_ACTION", Notify: false } as const;

interface RiskSettings {
  actions?: AccountTakeoverActionsType;
  notify?: Partial<NotifyConfigurationType>;
  compromised?: CompromisedCredentialsRiskConfigurationType;
  exceptions?: RiskExceptionConfigurationType;
}

async function setRisk(poolId: string, { actions, notify, compromised, exceptions }: RiskSettings): Promise<void> {
  await idp.send(
    new SetRiskConfigurationCommand({
      UserPoolId: poolId,
      AccountTakeoverRiskConfiguration: { NotifyConfiguration: { ...NOTIFY, ...notify }, Actions: actions ?? { LowAction: NO_ACTION, MediumAction: NO_ACTION, HighAction: NO_ACTION } },
      CompromisedCredentialsRiskConfiguration: compromised ?? { Actions: { EventAction: "NO_ACTION" } },
      ...(exceptions ? { RiskExceptionConfiguration: exceptions } : {}),
    }),
  );
}

async function control(method: "POST" | "DELETE", body?: object, query = ""): Promise<Response> {
  return fetch(`${emu.url}/_emu/risk${query}`, { method, headers: { "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
}

async function force(body: object): Promise<void> {
  const res = await control("POST", body);
  expect(res.status).toBe(200);
}

const from = (ip: string, agent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"): ContextDataType => ({
  IpAddress: ip,
  ServerName: "app.example.com",
  ServerPath: "/login",
  HttpHeaders: [{ headerName: "User-Agent", headerValue: agent }],
});

function adminSignIn(username: string, password = STRONG, context?: ContextDataType, poolId = ENF, clientId = WEB): Promise<AdminInitiateAuthCommandOutput> {
  return idp.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
      ...(context ? { ContextData: context } : {}),
    }),
  );
}

async function events(username: string, poolId = ENF): Promise<AuthEventType[]> {
  return (await idp.send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: username, MaxResults: 20 }))).AuthEvents!;
}

async function lastMessage(username: string, reason: string, poolId = ENF) {
  const messages = (await emu.messages({ userPoolId: poolId, username })).filter((m) => m.reason === reason);
  return messages[messages.length - 1];
}

const failure = (name: string, message?: string) => expect.objectContaining({ name, ...(message ? { message } : {}) });

// ---- feature plans and modes ----

describe("feature plans and modes", () => {
  it("activates threat protection only in the Plus plan, for standard or custom authentication", async () => {
    const refused = failure("FeatureUnavailableInTierException", "The following features need to be disabled for the ESSENTIALS pricing tier configured: Threat Protection");
    await expect(idp.send(new CreateUserPoolCommand({ PoolName: "essentials", UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" } }))).rejects.toEqual(refused);
    await expect(
      idp.send(new CreateUserPoolCommand({ PoolName: "essentials", UserPoolAddOns: { AdvancedSecurityMode: "OFF", AdvancedSecurityAdditionalFlows: { CustomAuthMode: "AUDIT" } } })),
    ).rejects.toEqual(refused);
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: "plus", UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } }));
    expect(UserPool).toMatchObject({ UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } });
    await expect(
      idp.send(new UpdateUserPoolCommand({ UserPoolId: UserPool!.Id!, UserPoolTier: "ESSENTIALS", UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } })),
    ).rejects.toEqual(refused);
  });

  it("in AUDIT, logs the risk and the compromised password but acts on neither", async () => {
    await setRisk(AUD, {
      actions: { LowAction: NO_ACTION, MediumAction: NO_ACTION, HighAction: { EventAction: "BLOCK", Notify: true } },
      compromised: { Actions: { EventAction: "BLOCK" } },
      exceptions: { BlockedIPRangeList: ["0.0.0.0/0"] },
    });
    await force({ userPoolId: AUD, username: "amy", level: "High" });
    const signedIn = await adminSignIn("amy", STRONG, from("192.0.2.5"), AUD, AUD_WEB);
    expect(signedIn.AuthenticationResult?.AccessToken).toBeDefined();
    expect((await events("amy", AUD))[0]).toMatchObject({
      EventType: "SignIn",
      EventResponse: "Pass",
      EventRisk: { RiskDecision: "NoRisk", RiskLevel: "High", CompromisedCredentialsDetected: false },
      EventContextData: { IpAddress: "192.0.2.5" },
    });
    expect(await lastMessage("amy", "AdaptiveAuthentication", AUD)).toBeUndefined();

    await expect(adminSignIn("abe", COMPROMISED, undefined, AUD, AUD_WEB)).resolves.toHaveProperty("AuthenticationResult");
    expect((await events("abe", AUD))[0].EventRisk).toEqual({ RiskDecision: "NoRisk", CompromisedCredentialsDetected: true });
    const { UserSub } = await idp.send(new SignUpCommand({ ClientId: AUD_WEB, Username: "audit-newbie", Password: COMPROMISED, UserAttributes: [{ Name: "email", Value: "newbie@example.com" }] }));
    expect(UserSub).toBeDefined();
    expect((await events("audit-newbie", AUD))[0]).toMatchObject({ EventType: "SignUp", EventRisk: { RiskDecision: "NoRisk", CompromisedCredentialsDetected: true } });
  });

  it("evaluates custom authentication only under its own mode (AdvancedSecurityAdditionalFlows.CustomAuthMode)", async () => {
    await setRisk(CUS, { actions: { LowAction: NO_ACTION, MediumAction: NO_ACTION, HighAction: { EventAction: "BLOCK", Notify: false } } });
    await force({ userPoolId: CUS, username: "cid", level: "High" });
    // Standard authentication is OFF in this pool: the forced level is not even consulted.
    await expect(idp.send(new InitiateAuthCommand({ ClientId: CUS_WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "cid", PASSWORD: STRONG } }))).resolves.toHaveProperty(
      "AuthenticationResult",
    );
    const started = await idp.send(new InitiateAuthCommand({ ClientId: CUS_WEB, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "cid" } }));
    expect(started.ChallengeName).toBe("CUSTOM_CHALLENGE");
    await expect(
      idp.send(
        new RespondToAuthChallengeCommand({ ClientId: CUS_WEB, ChallengeName: "CUSTOM_CHALLENGE", Session: started.Session, ChallengeResponses: { USERNAME: "cid", ANSWER: "42" } }),
      ),
    ).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_SIGN_IN));
    expect((await events("cid", CUS))[0]).toMatchObject({ EventResponse: "Fail", EventRisk: { RiskDecision: "Block", RiskLevel: "High" } });
  });
});

// ---- adaptive authentication: each action at each level ----

describe.each(["Low", "Medium", "High"] as const)("adaptive authentication at %s risk (ENFORCED)", (level) => {
  const configure = (EventAction: "BLOCK" | "MFA_IF_CONFIGURED" | "MFA_REQUIRED" | "NO_ACTION") =>
    setRisk(ENF, { actions: { LowAction: NO_ACTION, MediumAction: NO_ACTION, HighAction: NO_ACTION, [`${level}Action`]: { EventAction, Notify: false } } });

  async function answerSms(session: string | undefined, username: string) {
    const code = (await lastMessage(username, "Authentication"))!.code!;
    return idp.send(
      new AdminRespondToAuthChallengeCommand({ UserPoolId: ENF, ClientId: WEB, ChallengeName: "SMS_MFA", Session: session, ChallengeResponses: { USERNAME: username, SMS_MFA_CODE: code } }),
    );
  }

  it("BLOCK refuses the sign-in in Cognito's words and logs it blocked", async () => {
    await configure("BLOCK");
    await force({ userPoolId: ENF, username: "bob", level, count: 1 });
    await expect(adminSignIn("bob")).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_SIGN_IN));
    expect((await events("bob"))[0]).toMatchObject({
      EventType: "SignIn",
      EventResponse: "Fail",
      EventRisk: { RiskDecision: "Block", RiskLevel: level, CompromisedCredentialsDetected: false },
      ChallengeResponses: [{ ChallengeName: "Password", ChallengeResponse: "Success" }],
    });
    // The forced level was for one sign-in only.
    await expect(adminSignIn("bob")).resolves.toHaveProperty("AuthenticationResult");
  });

  it("MFA_IF_CONFIGURED asks a user who can receive a code for one, and lets a user with no factor through", async () => {
    await configure("MFA_IF_CONFIGURED");
    await force({ userPoolId: ENF, username: "ann", level });
    const challenged = await adminSignIn("ann");
    expect(challenged).toMatchObject({ ChallengeName: "SMS_MFA", ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "SMS" } });
    expect((await events("ann"))[0]).toMatchObject({ EventResponse: "InProgress", EventRisk: { RiskDecision: "AccountTakeover", RiskLevel: level } });
    const answered = await answerSms(challenged.Session, "ann");
    expect(answered.AuthenticationResult?.AccessToken).toBeDefined();
    expect((await events("ann"))[0]).toMatchObject({
      EventResponse: "Pass",
      EventRisk: { RiskDecision: "AccountTakeover", RiskLevel: level },
      ChallengeResponses: [
        { ChallengeName: "Password", ChallengeResponse: "Success" },
        { ChallengeName: "Mfa", ChallengeResponse: "Success" },
      ],
    });

    await force({ userPoolId: ENF, username: "bob", level });
    await expect(adminSignIn("bob")).resolves.toHaveProperty("AuthenticationResult");
    expect((await events("bob"))[0]).toMatchObject({ EventResponse: "Pass", EventRisk: { RiskDecision: "AccountTakeover", RiskLevel: level } });
  });

  it("MFA_REQUIRED asks a user who can receive a code for one, and refuses a user with no factor", async () => {
    await configure("MFA_REQUIRED");
    await force({ userPoolId: ENF, username: "ann", level });
    const challenged = await adminSignIn("ann");
    expect(challenged.ChallengeName).toBe("SMS_MFA");
    // A wrong code fails the sign-in's event; the right one, on the same session, passes it.
    await expect(
      idp.send(
        new AdminRespondToAuthChallengeCommand({ UserPoolId: ENF, ClientId: WEB, ChallengeName: "SMS_MFA", Session: challenged.Session, ChallengeResponses: { USERNAME: "ann", SMS_MFA_CODE: "000000" } }),
      ),
    ).rejects.toEqual(failure("CodeMismatchException"));
    expect((await events("ann"))[0]).toMatchObject({ EventResponse: "Fail", ChallengeResponses: [{ ChallengeName: "Password" }, { ChallengeName: "Mfa", ChallengeResponse: "Failure" }] });
    await expect(answerSms(challenged.Session, "ann")).resolves.toHaveProperty("AuthenticationResult");
    expect((await events("ann"))[0]).toMatchObject({ EventResponse: "Pass", EventRisk: { RiskDecision: "AccountTakeover", RiskLevel: level } });

    await force({ userPoolId: ENF, username: "bob", level });
    await expect(adminSignIn("bob")).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_SIGN_IN));
    expect((await events("bob"))[0]).toMatchObject({ EventResponse: "Fail", EventRisk: { RiskDecision: "Block", RiskLevel: level } });
  });

  it("NO_ACTION lets the sign-in through and logs the risk", async () => {
    await configure("NO_ACTION");
    await force({ userPoolId: ENF, username: "ann", level });
    await expect(adminSignIn("ann")).resolves.toHaveProperty("AuthenticationResult");
    expect((await events("ann"))[0]).toMatchObject({
      EventResponse: "Pass",
      EventRisk: { RiskDecision: "AccountTakeover", RiskLevel: level, CompromisedCredentialsDetected: false },
      ChallengeResponses: [{ ChallengeName: "Password", ChallengeResponse: "Success" }],
    });
  });
});

// ---- notifications and feedback ----

describe("notify emails with working feedback links", () => {
  const links = (message: string) => [...message.matchAll(/http:\/\/\S+\/feedback\?\S+/g)].map((m) => m[0]);

  it("fills the NoActionEmail template; its links and its token give feedback that changes the event", async () => {
    await setRisk(ENF, {
      actions: { LowAction: NO_ACTION, MediumAction: { EventAction: "NO_ACTION", Notify: true }, HighAction: NO_ACTION },
      notify: {
        NoActionEmail: {
          Subject: "Sign-in to {username}",
          TextBody: "From {ip-address} on {device-name} at {login-time}. Event {event-id} token {feedback-token}. Yes: {one-click-link-valid} No: {one-click-link-invalid}",
        },
      },
    });
    await force({ userPoolId: ENF, username: "kim", level: "Medium", count: 1 });
    await adminSignIn("kim", STRONG, from("192.0.2.10"));
    const [event] = await events("kim");
    const email = (await lastMessage("kim", "AdaptiveAuthentication"))!;
    expect(email).toMatchObject({ destination: "kim@example.com", deliveryMedium: "EMAIL", subject: "Sign-in to kim" });
    expect(email.message).toContain(`From 192.0.2.10 on Firefox/128.0 at ${new Date().toISOString().slice(0, 10)}`);
    expect(email.message).toContain(`Event ${event.EventId} token `);
    const [valid, invalid] = links(email.message);
    expect(valid).toContain("feedback_value=valid");
    expect(invalid).toContain("feedback_value=invalid");

    const page = await fetch(valid);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Thank you");
    expect((await events("kim"))[0].EventFeedback).toEqual({ FeedbackValue: "Valid", Provider: "User", FeedbackDate: expect.any(Date) });

    // The token the template shows is the one UpdateAuthEventFeedback takes.
    const token = /token (\S+)\./.exec(email.message)![1];
    await idp.send(new UpdateAuthEventFeedbackCommand({ UserPoolId: ENF, Username: "kim", EventId: event.EventId, FeedbackToken: token, FeedbackValue: "Invalid" }));
    expect((await events("kim"))[0].EventFeedback).toMatchObject({ FeedbackValue: "Invalid", Provider: "User" });
    // Feedback teaches threat protection: the address and device of an event judged invalid are high risk.
    await expect(adminSignIn("kim", STRONG, from("192.0.2.10"))).resolves.toHaveProperty("AuthenticationResult");
    expect((await events("kim"))[0].EventRisk).toMatchObject({ RiskDecision: "AccountTakeover", RiskLevel: "High" });

    const forged = invalid.replace(/feedback_token=[^&]+/, "feedback_token=forged");
    expect((await fetch(forged)).status).toBe(400);
  });

  it("emails the default BlockEmail although the sign-in is refused", async () => {
    await setRisk(ENF, { actions: { LowAction: NO_ACTION, MediumAction: NO_ACTION, HighAction: { EventAction: "BLOCK", Notify: true } } });
    await force({ userPoolId: ENF, username: "lou", level: "High" });
    await expect(adminSignIn("lou", STRONG, from("198.51.100.20"))).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_SIGN_IN));
    const email = (await lastMessage("lou", "AdaptiveAuthentication"))!;
    expect(email.subject).toBe("Blocked sign-in attempt");
    expect(email.message).toContain("198.51.100.20");
    const invalid = links(email.message).find((link) => link.includes("feedback_value=invalid"))!;
    expect((await fetch(invalid)).status).toBe(200);
    expect((await events("lou"))[0]).toMatchObject({ EventResponse: "Fail", EventRisk: { RiskDecision: "Block" }, EventFeedback: { FeedbackValue: "Invalid" } });
  });

  it("emails the MfaEmail when it asks for MFA", async () => {
    await setRisk(ENF, {
      actions: { LowAction: { EventAction: "MFA_REQUIRED", Notify: true }, MediumAction: NO_ACTION, HighAction: NO_ACTION },
      notify: { MfaEmail: { Subject: "We asked {username} for a code", HtmlBody: "<p>Sign-in from <b>{device-name}</b>: <a href=\"{one-click-link-invalid}\">not me</a></p>" } },
    });
    await force({ userPoolId: ENF, username: "ann", level: "Low" });
    expect((await adminSignIn("ann", STRONG, from("192.0.2.30", "Mozilla/5.0 <script>"))).ChallengeName).toBe("SMS_MFA");
    const email = (await lastMessage("ann", "AdaptiveAuthentication"))!;
    expect(email.subject).toBe("We asked ann for a code");
    // Values filled into an HTML template are escaped.
    expect(email.message).toContain("<b>&lt;script&gt;</b>");
    expect(email.message).toMatch(/href="http:\/\/\S+\/feedback\?\S+feedback_value=invalid"/);
  });

  it("leaves the one-click links out without a domain, as Cognito does, but gives the event id and token", async () => {
    await setRisk(NODOM, {
      actions: { LowAction: NO_ACTION, MediumAction: NO_ACTION, HighAction: { EventAction: "NO_ACTION", Notify: true } },
      notify: { NoActionEmail: { Subject: "Sign-in", TextBody: "[{one-click-link-valid}] {event-id} {feedback-token}" } },
    });
    await force({ userPoolId: NODOM, username: "ned", level: "High" });
    await adminSignIn("ned", STRONG, undefined, NODOM, NODOM_WEB);
    const [event] = await events("ned", NODOM);
    const email = (await lastMessage("ned", "AdaptiveAuthentication", NODOM))!;
    expect(email.message).toMatch(new RegExp(`^\\[\\] ${event.EventId} \\S+$`));
    const token = email.message.split(" ")[2];
    await idp.send(new UpdateAuthEventFeedbackCommand({ UserPoolId: NODOM, Username: "ned", EventId: event.EventId, FeedbackToken: token, FeedbackValue: "Valid" }));
    expect((await events("ned", NODOM))[0].EventFeedback).toMatchObject({ FeedbackValue: "Valid" });
  });
});

// ---- the risk computed from what threat protection sees ----

describe("computed risk", () => {
  it("rates new addresses, new devices and bursts of failures, and learns from feedback", async () => {
    await setRisk(ENF, {});
    const risk = async () => (await events("erin"))[0].EventRisk;
    const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    const chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
    const safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    await adminSignIn("erin", STRONG, from("198.51.100.1", firefox));
    const first = (await events("erin"))[0];
    expect(first.EventRisk).toEqual({ RiskDecision: "NoRisk", CompromisedCredentialsDetected: false });
    expect(first.EventContextData).toEqual({ IpAddress: "198.51.100.1", DeviceName: "Firefox/128.0" });
    await adminSignIn("erin", STRONG, from("198.51.100.1", firefox));
    expect(await risk()).toEqual({ RiskDecision: "NoRisk", CompromisedCredentialsDetected: false });
    await adminSignIn("erin", STRONG, from("198.51.100.2", firefox));
    expect(await risk()).toMatchObject({ RiskDecision: "AccountTakeover", RiskLevel: "Low" });
    await adminSignIn("erin", STRONG, from("198.51.100.3", chrome));
    expect(await risk()).toMatchObject({ RiskLevel: "Medium" });
    for (let i = 0; i < 3; i++) await expect(adminSignIn("erin", "Wrong-Passw0rd!", from("198.51.100.1", firefox))).rejects.toEqual(failure("NotAuthorizedException"));
    expect((await events("erin"))[0]).toMatchObject({ EventResponse: "Fail", ChallengeResponses: [{ ChallengeName: "Password", ChallengeResponse: "Failure" }] });
    await adminSignIn("erin", STRONG, from("198.51.100.4", safari));
    expect(await risk()).toMatchObject({ RiskLevel: "High" });

    // Invalid feedback on the first sign-in makes its address and device high risk; Valid takes it back.
    const feedback = (FeedbackValue: "Valid" | "Invalid") =>
      idp.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: ENF, Username: "erin", EventId: first.EventId, FeedbackValue }));
    await feedback("Invalid");
    await adminSignIn("erin", STRONG, from("198.51.100.1", firefox));
    expect(await risk()).toMatchObject({ RiskLevel: "High" });
    await feedback("Valid");
    await adminSignIn("erin", STRONG, from("198.51.100.1", firefox));
    expect(await risk()).toEqual({ RiskDecision: "NoRisk", CompromisedCredentialsDetected: false });
  });
});

// ---- blocked and skipped address ranges ----

describe("BlockedIPRangeList and SkippedIPRangeList", () => {
  it("refuses sign-ins from blocked IPv4 and IPv6 ranges before the password is checked", async () => {
    await setRisk(ENF, { exceptions: { BlockedIPRangeList: ["192.0.2.0/24", "2001:db8:bad::/48"] } });
    for (const ip of ["192.0.2.99", "2001:db8:bad:1::7"]) {
      await expect(adminSignIn("gus", STRONG, from(ip))).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_REQUEST));
      await expect(adminSignIn("gus", "Wrong-Passw0rd!", from(ip))).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_REQUEST));
    }
    expect((await events("gus"))[0]).toMatchObject({ EventResponse: "Fail", EventRisk: { RiskDecision: "Block" }, EventContextData: { IpAddress: "2001:db8:bad:1::7" } });
    await expect(adminSignIn("gus", STRONG, from("192.0.3.1"))).resolves.toHaveProperty("AuthenticationResult");
    await expect(adminSignIn("gus", STRONG, from("2001:db8:bad0::1"))).resolves.toHaveProperty("AuthenticationResult");
  });

  it("takes the address from UserContextData only for clients that propagate it, else the request's own", async () => {
    const secretHash = (username: string) => createHmac("sha256", PROP_SECRET).update(username + PROP).digest("base64");
    await setRisk(ENF, { exceptions: { BlockedIPRangeList: ["203.0.113.0/24"] } });
    const userContext = { IpAddress: "203.0.113.9" };
    await expect(
      idp.send(
        new InitiateAuthCommand({
          ClientId: PROP,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "gus", PASSWORD: STRONG, SECRET_HASH: secretHash("gus") },
          UserContextData: userContext,
        }),
      ),
    ).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_REQUEST));
    await expect(
      idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "gus", PASSWORD: STRONG }, UserContextData: userContext })),
    ).resolves.toHaveProperty("AuthenticationResult");

    await setRisk(ENF, { exceptions: { BlockedIPRangeList: ["127.0.0.0/8", "::1/128"] } });
    await expect(idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "gus", PASSWORD: STRONG } }))).rejects.toEqual(
      failure("NotAuthorizedException", BLOCKED_REQUEST),
    );
  });

  it("does not evaluate sign-ins from skipped ranges: no forced level, no compromised-password block", async () => {
    await setRisk(ENF, {
      actions: { LowAction: NO_ACTION, MediumAction: NO_ACTION, HighAction: { EventAction: "BLOCK", Notify: false } },
      compromised: { Actions: { EventAction: "BLOCK" } },
      exceptions: { SkippedIPRangeList: ["2001:db8:5afe::/48", "198.18.0.0/15"] },
    });
    await force({ userPoolId: ENF, username: "hal", level: "High" });
    await expect(adminSignIn("hal", COMPROMISED, from("2001:db8:5afe::1"))).resolves.toHaveProperty("AuthenticationResult");
    expect((await events("hal"))[0].EventRisk).toEqual({ RiskDecision: "NoRisk", CompromisedCredentialsDetected: false });
    await expect(adminSignIn("hal", COMPROMISED, from("198.19.0.1"))).resolves.toHaveProperty("AuthenticationResult");
    // From anywhere else the compromised password is refused (and the user must reset it).
    await expect(adminSignIn("hal", COMPROMISED, from("192.0.2.1"))).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_SIGN_IN));
  });
});

describe("the hosted UI's sign-in page", () => {
  const login = `/login?${new URLSearchParams({ client_id: HOSTED, redirect_uri: CALLBACK, response_type: "code" })}`;
  const submit = (username: string, password: string) =>
    fetch(`${emu.url}${login}`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ username, password }) });

  it("is assessed like the API: blocked addresses, and the MFA a risky sign-in needs", async () => {
    await setRisk(ENF, {
      actions: { LowAction: NO_ACTION, MediumAction: NO_ACTION, HighAction: { EventAction: "MFA_REQUIRED", Notify: false } },
      exceptions: { BlockedIPRangeList: ["127.0.0.0/8", "::1/128"] },
    });
    const blocked = await submit("ann", STRONG);
    expect(blocked.status).toBe(400);
    expect(await blocked.text()).toContain(BLOCKED_REQUEST);

    await setRisk(ENF, { actions: { LowAction: NO_ACTION, MediumAction: NO_ACTION, HighAction: { EventAction: "MFA_REQUIRED", Notify: false } } });
    await force({ userPoolId: ENF, username: "ann", level: "High" });
    const challenged = await submit("ann", STRONG);
    expect(await challenged.text()).toContain('name="challenge" value="SMS_MFA"');
    expect((await events("ann"))[0]).toMatchObject({ EventResponse: "InProgress", EventRisk: { RiskDecision: "AccountTakeover", RiskLevel: "High" } });
  });
});

// ---- compromised credentials ----

describe("compromised credentials", () => {
  const signUp = (Username: string, Password: string) =>
    idp.send(new SignUpCommand({ ClientId: WEB, Username, Password, UserAttributes: [{ Name: "email", Value: `${Username}@example.com` }] }));

  it("refuses a compromised password at sign-up: the bundled list, and the pool's own", async () => {
    await setRisk(ENF, { compromised: { EventFilter: ["SIGN_UP", "SIGN_IN", "PASSWORD_CHANGE"], Actions: { EventAction: "BLOCK" } } });
    await expect(signUp("newbie1", COMPROMISED)).rejects.toEqual(failure("InvalidPasswordException", COMPROMISED_PASSWORD));
    await expect(signUp("newbie1", "TR0UB4DOR&3x!!")).rejects.toEqual(failure("InvalidPasswordException", COMPROMISED_PASSWORD));
    // Cognito's own policy is checked first.
    await expect(signUp("newbie1", "password")).rejects.toEqual(failure("InvalidPasswordException", expect.stringContaining("Password did not conform with policy")));
    await expect(signUp("newbie1", STRONG)).resolves.toHaveProperty("UserSub");
    expect((await events("newbie1"))[0]).toMatchObject({
      EventType: "SignUp",
      EventResponse: "Pass",
      EventRisk: { RiskDecision: "NoRisk", CompromisedCredentialsDetected: false },
      EventContextData: { IpAddress: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) },
    });
  });

  it("checks only the events the EventFilter names, and only logs with NO_ACTION", async () => {
    await setRisk(ENF, { compromised: { EventFilter: ["SIGN_IN"], Actions: { EventAction: "BLOCK" } } });
    await expect(signUp("newbie2", COMPROMISED)).resolves.toHaveProperty("UserSub");
    await setRisk(ENF, { compromised: { Actions: { EventAction: "NO_ACTION" } } });
    await expect(signUp("newbie3", COMPROMISED)).resolves.toHaveProperty("UserSub");
    expect((await events("newbie3"))[0].EventRisk).toEqual({ RiskDecision: "NoRisk", CompromisedCredentialsDetected: true });
    await expect(adminSignIn("dan", COMPROMISED)).resolves.toHaveProperty("AuthenticationResult");
    expect((await events("dan"))[0].EventRisk).toEqual({ RiskDecision: "NoRisk", CompromisedCredentialsDetected: true });
  });

  it("blocks a compromised sign-in and requires a password reset, which refuses compromised passwords too", async () => {
    await setRisk(ENF, { compromised: { Actions: { EventAction: "BLOCK" } } });
    const signIn = () => idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "carl", PASSWORD: COMPROMISED } }));
    await expect(signIn()).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_SIGN_IN));
    expect((await idp.send(new AdminGetUserCommand({ UserPoolId: ENF, Username: "carl" }))).UserStatus).toBe("RESET_REQUIRED");
    expect((await events("carl"))[0]).toMatchObject({ EventResponse: "Fail", EventRisk: { RiskDecision: "Block", CompromisedCredentialsDetected: true } });
    await expect(signIn()).rejects.toEqual(failure("PasswordResetRequiredException", "Password reset required for the user"));

    await idp.send(new ForgotPasswordCommand({ ClientId: WEB, Username: "carl" }));
    const code = (await lastMessage("carl", "ForgotPassword"))!.code!;
    const confirm = (Password: string) => idp.send(new ConfirmForgotPasswordCommand({ ClientId: WEB, Username: "carl", ConfirmationCode: code, Password }));
    await expect(confirm("Password1!")).rejects.toEqual(failure("InvalidPasswordException", COMPROMISED_PASSWORD));
    expect((await events("carl"))[0]).toMatchObject({ EventType: "ForgotPassword", EventResponse: "Fail", EventRisk: { RiskDecision: "Block", CompromisedCredentialsDetected: true } });
    // The code is still good for a sound password.
    await confirm(STRONG);
    expect((await events("carl"))[0]).toMatchObject({ EventType: "ForgotPassword", EventResponse: "Pass" });
    await expect(adminSignIn("carl", STRONG)).resolves.toHaveProperty("AuthenticationResult");
  });

  it("does not check SRP sign-ins, which send no password (amazon-cognito-identity-js)", async () => {
    await setRisk(ENF, { compromised: { Actions: { EventAction: "BLOCK" } } });
    const pool = new CognitoUserPool({ UserPoolId: ENF, ClientId: WEB, endpoint: emu.url });
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      new CognitoUser({ Username: "dan", Pool: pool }).authenticateUser(new AuthenticationDetails({ Username: "dan", Password: COMPROMISED }), { onSuccess: resolve, onFailure: reject }),
    );
    expect(session.isValid()).toBe(true);
    expect((await events("dan"))[0]).toMatchObject({ EventResponse: "Pass", EventRisk: { CompromisedCredentialsDetected: false } });
  });

  it("refuses a compromised password at ChangePassword and at the new-password challenge, not when an administrator sets it", async () => {
    await setRisk(ENF, { compromised: { EventFilter: ["PASSWORD_CHANGE"], Actions: { EventAction: "BLOCK" } } });
    const { AuthenticationResult } = await adminSignIn("gus");
    const change = (ProposedPassword: string) => idp.send(new ChangePasswordCommand({ AccessToken: AuthenticationResult!.AccessToken, PreviousPassword: STRONG, ProposedPassword }));
    await expect(change(COMPROMISED)).rejects.toEqual(failure("InvalidPasswordException", COMPROMISED_PASSWORD));
    expect((await events("gus"))[0]).toMatchObject({ EventType: "PasswordChange", EventResponse: "Fail", EventRisk: { RiskDecision: "Block", CompromisedCredentialsDetected: true } });
    await change(STRONG2);
    expect((await events("gus"))[0]).toMatchObject({ EventType: "PasswordChange", EventResponse: "Pass" });
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: ENF, Username: "gus", Password: STRONG, Permanent: true }));

    const challenged = await adminSignIn("fay");
    expect(challenged.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    const answer = (NEW_PASSWORD: string) =>
      idp.send(
        new AdminRespondToAuthChallengeCommand({ UserPoolId: ENF, ClientId: WEB, ChallengeName: "NEW_PASSWORD_REQUIRED", Session: challenged.Session, ChallengeResponses: { USERNAME: "fay", NEW_PASSWORD } }),
      );
    await expect(answer(COMPROMISED)).rejects.toEqual(failure("InvalidPasswordException", COMPROMISED_PASSWORD));
    await expect(answer(STRONG2)).resolves.toHaveProperty("AuthenticationResult");

    await expect(idp.send(new AdminSetUserPasswordCommand({ UserPoolId: ENF, Username: "fay", Password: COMPROMISED, Permanent: true }))).resolves.toBeDefined();
  });
});

// ---- amazon-cognito-identity-js sends UserContextData ----

describe("amazon-cognito-identity-js with the advanced security collector", () => {
  const globals = globalThis as { AmazonCognitoAdvancedSecurityData?: unknown };
  beforeAll(() => {
    // Stands in for Cognito's collector script; the emulator reads a JSON fingerprint (its own encrypted one cannot be read).
    globals.AmazonCognitoAdvancedSecurityData = {
      getData: () => JSON.stringify({ DeviceId: "laptop-7", DeviceName: "Firefox 128, Linux", Timezone: "+02:00", Country: "France" }),
    };
  });
  afterAll(() => {
    delete globals.AmazonCognitoAdvancedSecurityData;
  });
  const pool = () => new CognitoUserPool({ UserPoolId: ENF, ClientId: WEB, endpoint: emu.url });

  it("shows the device it describes in the user's events, and answers risk MFA through the library's callbacks", async () => {
    await setRisk(ENF, { actions: { LowAction: NO_ACTION, MediumAction: NO_ACTION, HighAction: { EventAction: "MFA_REQUIRED", Notify: false } } });
    const signIn = (answerMfa: boolean) =>
      new Promise<CognitoUserSession>((resolve, reject) => {
        const user = new CognitoUser({ Username: "ivy", Pool: pool() });
        user.authenticateUser(new AuthenticationDetails({ Username: "ivy", Password: STRONG }), {
          onSuccess: resolve,
          onFailure: reject,
          mfaRequired: () => {
            if (!answerMfa) return reject(new Error("MFA was not expected"));
            lastMessage("ivy", "Authentication").then((message) => user.sendMFACode(message!.code!, { onSuccess: resolve, onFailure: reject }), reject);
          },
        });
      });
    await expect(signIn(false)).resolves.toBeDefined();
    expect((await events("ivy"))[0]).toMatchObject({
      EventResponse: "Pass",
      EventContextData: { DeviceName: "Firefox 128, Linux", Timezone: "+02:00", Country: "France" },
    });

    await force({ userPoolId: ENF, username: "ivy", level: "High" });
    await expect(signIn(true)).resolves.toBeDefined();
    expect((await events("ivy"))[0]).toMatchObject({
      EventResponse: "Pass",
      EventRisk: { RiskDecision: "AccountTakeover", RiskLevel: "High" },
      ChallengeResponses: [
        { ChallengeName: "Password", ChallengeResponse: "Success" },
        { ChallengeName: "Mfa", ChallengeResponse: "Success" },
      ],
    });
  });

  it("gets Cognito's error for a compromised password at sign-up", async () => {
    await setRisk(ENF, { compromised: { Actions: { EventAction: "BLOCK" } } });
    const error = await new Promise<{ code?: string; message: string }>((resolve) =>
      pool().signUp("idjs-newbie", COMPROMISED, [new CognitoUserAttribute({ Name: "email", Value: "idjs@example.com" })], [], (err) => resolve(err as never)),
    );
    expect(error).toMatchObject({ code: "InvalidPasswordException", message: COMPROMISED_PASSWORD });
  });
});

// ---- the control endpoint ----

describe("POST /_emu/risk and DELETE /_emu/risk", () => {
  it("forces the risk of sign-ins from an address, counts it down, and forgets it", async () => {
    await setRisk(ENF, { actions: { LowAction: NO_ACTION, MediumAction: NO_ACTION, HighAction: { EventAction: "BLOCK", Notify: false } } });
    // A device no feedback has judged, so that only the forced level is high.
    const AGENT = "risk-tests/1.0";
    const res = await control("POST", { userPoolId: ENF, ipAddress: "::ffff:198.51.100.77", level: "High", count: 2 });
    expect(await res.json()).toEqual({ userPoolId: ENF, ipAddress: "198.51.100.77", level: "High", count: 2 });
    await expect(adminSignIn("bob", STRONG, from("198.51.100.77", AGENT))).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_SIGN_IN));
    await expect(adminSignIn("bob", STRONG, from("198.51.100.78", AGENT))).resolves.toHaveProperty("AuthenticationResult");
    await expect(adminSignIn("kim", STRONG, from("198.51.100.77", AGENT))).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_SIGN_IN));
    await expect(adminSignIn("kim", STRONG, from("198.51.100.77", AGENT))).resolves.toHaveProperty("AuthenticationResult");

    await force({ userPoolId: ENF, username: "bob", level: "High" });
    await expect(adminSignIn("bob")).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_SIGN_IN));
    await expect(adminSignIn("bob")).rejects.toEqual(failure("NotAuthorizedException", BLOCKED_SIGN_IN));
    const forgotten = await control("DELETE", undefined, `?userPoolId=${ENF}&username=bob`);
    expect(await forgotten.json()).toEqual({ forgotten: 1 });
    await expect(adminSignIn("bob")).resolves.toHaveProperty("AuthenticationResult");
  });

  it("answers bad requests with 4xx and the exception's name", async () => {
    const cases: Array<[object, string]> = [
      [{ userPoolId: ENF, username: "bob", level: "Severe" }, "InvalidParameterException"],
      [{ userPoolId: ENF, level: "High" }, "InvalidParameterException"],
      [{ userPoolId: ENF, ipAddress: "300.1.1.1", level: "High" }, "InvalidParameterException"],
      [{ userPoolId: ENF, username: "bob", level: "High", count: 0 }, "InvalidParameterException"],
      [{ userPoolId: ENF, username: "nobody", level: "High" }, "UserNotFoundException"],
      [{ userPoolId: "us-east-1_Missing01", username: "bob", level: "High" }, "ResourceNotFoundException"],
      [{ username: "bob", level: "High" }, "InvalidParameterException"],
    ];
    for (const [body, name] of cases) {
      const res = await control("POST", body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ __type: name });
    }
    const notJson = await fetch(`${emu.url}/_emu/risk`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(notJson.status).toBe(400);
    const crossSite = await fetch(`${emu.url}/_emu/risk`, { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example" }, body: "{}" });
    expect(crossSite.status).toBe(403);
  });
});

// ---- what a tester sees ----

describe("what a tester sees", () => {
  it("shows a user's events and their risk in the console", async () => {
    await setRisk(ENF, {});
    await force({ userPoolId: ENF, username: "kim", level: "Medium" });
    await adminSignIn("kim", STRONG, from("192.0.2.44"));
    const detail = (await (await fetch(`${emu.url}/_emu/ui/api/pools/${ENF}?q=kim`)).json()) as { users: Array<{ Username: string; AuthEvents: object[] }> };
    expect(detail.users.find((u) => u.Username === "kim")!.AuthEvents[0]).toMatchObject({
      EventType: "SignIn",
      EventResponse: "Pass",
      RiskDecision: "AccountTakeover",
      RiskLevel: "Medium",
      IpAddress: "192.0.2.44",
    });
  });

  it("exports the pool's declared compromised passwords with the state", async () => {
    const state = (await (await fetch(`${emu.url}/_emu/state`)).json()) as { UserPools: Array<{ Id: string; CompromisedPasswords?: string[] }> };
    expect(state.UserPools.find((pool) => pool.Id === ENF)!.CompromisedPasswords).toEqual([DECLARED]);
  });
});
