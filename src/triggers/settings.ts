import type { Services } from "../services/services";

/**
 * How long Cognito waits for a trigger and how often it tries. Cognito's values are fixed (5 s, 3
 * attempts); they are settable per emulator only so tests of timeouts need not wait 15 s. Not an option.
 */
export interface TriggerSettings {
  timeoutMs: number;
  attempts: number;
}

const settings = new WeakMap<Services, TriggerSettings>();

export function triggerSettings(services: Services): TriggerSettings {
  let current = settings.get(services);
  if (!current) {
    current = { timeoutMs: 5000, attempts: 3 };
    settings.set(services, current);
  }
  return current;
}
