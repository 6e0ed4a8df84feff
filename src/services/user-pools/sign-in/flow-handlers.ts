import path from "node:path";
import { InvalidParameter, UnsupportedOperation } from "../../../errors";
import { HandlerFolder } from "../../registry";
import type { Services } from "../../services";
import { checkSecretHash, requireFlow, requireParameter } from "./client-checks";
import { passwordSignIn } from "./password-sign-in";
import type { ClientRecord, PoolRecord } from "../directory/records";
import type { SignInResult } from "./result";
import { refuseBlockedAddress } from "./adaptive-authentication";
import type { RequestContext } from "./request-context";

/** One InitiateAuth / AdminInitiateAuth call, as a flow handler sees it. */
export interface FlowStart {
  pool: PoolRecord;
  client: ClientRecord;
  parameters: Record<string, string>;
  clientMetadata?: Record<string, string>;
  /** AdminInitiateAuth (IAM-authorized, server side) rather than InitiateAuth. */
  admin: boolean;
  /** Where the user's request comes from, for threat protection. */
  context?: RequestContext;
  /** Lets the request log name the user once the flow knows who it is. */
  logUser(username: string): void;
}

export type FlowHandler = (services: Services, start: FlowStart) => Promise<SignInResult>;

export function flowHandler(handler: FlowHandler): FlowHandler {
  return handler;
}

/** Older names Cognito still accepts for the same flows. */
const ALIASES: Record<string, string> = { REFRESH_TOKEN: "REFRESH_TOKEN_AUTH", ADMIN_NO_SRP_AUTH: "ADMIN_USER_PASSWORD_AUTH" };
const ADMIN_ONLY = new Set(["ADMIN_USER_PASSWORD_AUTH"]);
const CLIENT_ONLY = new Set(["USER_PASSWORD_AUTH"]);

const flows = new HandlerFolder<FlowHandler>(path.join(__dirname, "flows"));

/** Runs the flow an InitiateAuth (or AdminInitiateAuth) names: flows/<FLOW>.ts. */
export function startFlow(services: Services, authFlow: string, start: FlowStart): Promise<SignInResult> {
  const name = ALIASES[authFlow] ?? authFlow;
  if ((start.admin && CLIENT_ONLY.has(name)) || (!start.admin && ADMIN_ONLY.has(name))) throw InvalidParameter("Initiate Auth method not supported.");
  const handler = flows.get(name);
  if (!handler) throw UnsupportedOperation(`AuthFlow ${authFlow} is not implemented in cognito-emu`);
  // A refresh continues a sign-in already made; every other flow starts one.
  if (name !== "REFRESH_TOKEN_AUTH") refuseBlockedAddress(services, start.pool, start.client, start.context, start.parameters.USERNAME, name === "CUSTOM_AUTH");
  return handler(services, start);
}

/** The two username-and-password flows differ only in the client setting that allows them. */
export function passwordFlow(flow: "USER_PASSWORD_AUTH" | "ADMIN_USER_PASSWORD_AUTH"): FlowHandler {
  return async (services, { pool, client, parameters, clientMetadata, logUser, context }) => {
    requireFlow(client, flow);
    const username = requireParameter(parameters, "USERNAME");
    logUser(username);
    const password = requireParameter(parameters, "PASSWORD");
    checkSecretHash(client, username, parameters.SECRET_HASH);
    return passwordSignIn(services, pool, client, username, password, { clientMetadata, deviceKey: parameters.DEVICE_KEY, context });
  };
}
