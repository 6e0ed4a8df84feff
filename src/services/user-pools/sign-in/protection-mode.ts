import type { PoolRecord } from "../directory/records";

/** Threat protection's operating mode: OFF, audit-only (evaluate and log), or full-function (act too). */
export type ProtectionMode = "OFF" | "AUDIT" | "ENFORCED";

/**
 * The mode that governs a request. Standard authentication (passwords, SRP, passwordless, sign-up,
 * password changes) follows UserPoolAddOns.AdvancedSecurityMode; custom authentication (CUSTOM_AUTH with
 * the challenge triggers) follows AdvancedSecurityAdditionalFlows.CustomAuthMode, and is not evaluated
 * without it (model: AdvancedSecurityAdditionalFlowsType).
 */
export function protectionMode(pool: PoolRecord, customAuth = false): ProtectionMode {
  const addOns = pool.UserPoolAddOns;
  if (customAuth) return addOns?.AdvancedSecurityAdditionalFlows?.CustomAuthMode ?? "OFF";
  return addOns?.AdvancedSecurityMode ?? "OFF";
}

/** Cognito logs user activity while threat protection runs, in audit-only or full-function mode, for either kind of authentication. */
export function logsUserActivity(pool: PoolRecord): boolean {
  return protectionMode(pool) !== "OFF" || protectionMode(pool, true) !== "OFF";
}
