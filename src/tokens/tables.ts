import { declareTable } from "../store/schema";
import type { PoolKeysRecord } from "./keys";

/** Each user pool's keys, keyed by pool id; the key ring deletes them with the pool (see userPools). */
export const signingKeys = declareTable<PoolKeysRecord>({ name: "signingKeys" });
