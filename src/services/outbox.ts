import type { Clock } from "../clock";
import type { Logger } from "../log";
import type { Store } from "../store/store";
import type { Table } from "../store/table";
import { messageUserRef, messages } from "./tables";

/**
 * An email, SMS or push notification the emulator "sent", as /_emu/messages shows it. A push of push
 * sync carries the identity pool in `userPoolId` and the identity in `username`, so the same filters
 * find it; its `destination` is the device's push token and `message` what the device receives.
 */
export interface OutboxMessage {
  userPoolId: string;
  username: string;
  destination: string;
  deliveryMedium: "EMAIL" | "SMS" | "PUSH";
  code?: string;
  subject?: string;
  message: string;
  /** Why it was sent: SignUp, AdminCreateUser, ForgotPassword, Authentication, ... */
  reason: string;
  createdAt: string;
  /** Pushes only: the device (RegisterDevice's DeviceId), its platform, and the dataset that changed. */
  deviceId?: string;
  platform?: string;
  datasetName?: string;
}

/** Every code and invitation goes here instead of to a person; tests read it back. */
export class Outbox {
  private readonly table: Table<OutboxMessage>;
  private sequence = 0;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.table = messages.open(store);
    for (const key of this.table.entries()) this.sequence = Math.max(this.sequence, Number(key[0]));
  }

  send(message: Omit<OutboxMessage, "createdAt">): OutboxMessage {
    const record: OutboxMessage = { ...message, createdAt: this.clock.date().toISOString() };
    this.sequence = Math.max(this.sequence, this.table.size) + 1;
    this.table.put(String(this.sequence).padStart(12, "0"), record);
    const code = record.code ? ` code ${record.code}` : "";
    this.log.message(`${record.deliveryMedium} to ${record.destination} (${record.reason}, ${record.userPoolId} ${record.username})${code}`, {
      userPoolId: record.userPoolId,
      username: record.username,
      destination: record.destination,
      deliveryMedium: record.deliveryMedium,
      reason: record.reason,
      code: record.code,
    });
    return record;
  }

  /** Forgets the messages `list` would return for the same filter; returns how many. */
  clear(filter: { userPoolId?: string; username?: string } = {}): number {
    const rows = this.rows(filter);
    for (const [key] of rows) this.table.delete(key);
    return rows.length;
  }

  /** Oldest first, optionally narrowed to a pool and/or a user (by username, or by the address a message went to). */
  list(filter: { userPoolId?: string; username?: string } = {}): OutboxMessage[] {
    return this.rows(filter).map(([, m]) => m);
  }

  private rows(filter: { userPoolId?: string; username?: string }): Array<[string, OutboxMessage]> {
    let keys: string[];
    if (filter.username) {
      const byName = filter.userPoolId ? this.table.keysBy("byUser", messageUserRef(filter.userPoolId, filter.username)) : this.table.keysBy("byUsername", filter.username);
      const byAddress = this.table.keysBy("byDestination", filter.username.toLowerCase());
      keys = [...new Set([...byName, ...byAddress])];
    } else if (filter.userPoolId) {
      keys = this.table.keysBy("byPool", filter.userPoolId);
    } else {
      keys = [...this.table.entries()].map(([key]) => key);
    }
    const rows = keys
      .map((key) => [key, this.table.get(key)!] as [string, OutboxMessage])
      .filter(([, m]) => !filter.userPoolId || m.userPoolId === filter.userPoolId);
    return rows.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }
}
