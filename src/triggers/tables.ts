import { declareTable } from "../store/schema";

/** Local trigger modules: a Lambda function's name (or ARN) -> the module's path, as fixtures' Functions map them. */
export const functions = declareTable<string>({ name: "functions" });
