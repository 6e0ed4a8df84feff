import { declareTable } from "../../store/schema";
import type { IamSamlProviderRecord } from "./iam-providers";

/** IAM SAML providers the fixtures declare (there is no IAM here), keyed by ARN. */
export const iamSamlProviders = declareTable<IamSamlProviderRecord>({ name: "iamSamlProviders", key: (provider) => provider.Arn });
