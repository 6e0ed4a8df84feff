import type { CognitoIdentity } from "@aws-sdk/client-cognito-identity";
import type { CognitoIdentityProvider } from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoSync } from "@aws-sdk/client-cognito-sync";
import type { STS } from "@aws-sdk/client-sts";
import { models, type OperationName, type ServiceName } from "../protocol/model";
import { type Caller, Invoker } from "./invoke";
import type { Services } from "./services";

/** The AWS SDK v3 aggregated client of each service: its methods name the operations and type them. */
interface SdkClients {
  "cognito-idp": CognitoIdentityProvider;
  "cognito-identity": CognitoIdentity;
  "cognito-sync": CognitoSync;
  sts: STS;
}

/** An SDK method's callback overload (the last one, which `infer` reads), giving its input and output. */
type SdkMethod<I, O> = (args: I, options: any, cb: (err: any, data?: O) => void) => void;

type MethodOf<S extends ServiceName, Name extends string> = Uncapitalize<Name> extends keyof SdkClients[S] ? SdkClients[S][Uncapitalize<Name>] : never;

/**
 * `client.signUp(input)`: one method per operation of the model (the emulator's list, which the SDK
 * may outgrow), named, typed and answered as the SDK's (outputs without `$metadata`).
 */
export type InProcessClient<S extends ServiceName> = {
  [Name in OperationName<S> as Uncapitalize<Name>]: MethodOf<S, Name> extends SdkMethod<infer I, infer O> ? (input: I) => Promise<Omit<O, "$metadata">> : never;
};

export type UserPoolsClient = InProcessClient<"cognito-idp">;

/**
 * A client that runs a service's operations in this process, through the same invoke path as the API
 * (input checks, handler, transaction, request log), for the emulator's other front doors: the hosted
 * UI, fixtures. Failures are thrown as the API answers them (ServiceError).
 *
 *   await inProcessClient(services, "cognito-idp", { region: pool.Region, via: "hosted UI" }).signUp({ ClientId, Username, Password });
 */
export function inProcessClient<S extends ServiceName>(services: Services, service: S, caller: Caller): InProcessClient<S> {
  const { invoke } = new Invoker(services);
  const client: Record<string, (input: object) => Promise<unknown>> = {};
  for (const operation of Object.keys(models[service].operations)) {
    client[operation.charAt(0).toLowerCase() + operation.slice(1)] = (input) => invoke(service, operation, input, caller);
  }
  return client as InProcessClient<S>;
}

export function userPoolsClient(services: Services, caller: Caller): UserPoolsClient {
  return inProcessClient(services, "cognito-idp", caller);
}
