import type { Clock } from "../clock";
import type { Logger } from "../log";
import type { Store } from "../store/store";
import type { Table } from "../store/table";

/** An email or SMS the emulator "sent", as /_emu/messages shows it. */
export interface OutboxMessage {
  userPoolId: string;
  username: string;
  destination: string;
  deliveryMedium: "EMAIL" | "SMS";
  code?: string;
  subject?: string;
  message: string;
  /** Why it was sent: SignUp, AdminCreateUser, ForgotPassword, Authentication, ... */
  reason: string;
  createdAt: string;
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
    this.table = store
      .table<OutboxMessage>("messages")
      .index("byPool", (m) => m.userPoolId)
      .index("byUser", (m) => `${m.userPoolId}/${m.username}`)
      .index("byUsername", (m) => m.username);
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

  /** Oldest first, optionally narrowed to a pool and/or username. */
  list(filter: { userPoolId?: string; username?: string } = {}): OutboxMessage[] {
    let rows: Array<[string, OutboxMessage]>;
    if (filter.userPoolId && filter.username) {
      rows = this.table.keysBy("byUser", `${filter.userPoolId}/${filter.username}`).map((k) => [k, this.table.get(k)!]);
    } else if (filter.userPoolId) {
      rows = this.table.keysBy("byPool", filter.userPoolId).map((k) => [k, this.table.get(k)!]);
    } else if (filter.username) {
      rows = this.table.keysBy("byUsername", filter.username).map((k) => [k, this.table.get(k)!]);
    } else {
      rows = [...this.table.entries()];
    }
    return rows.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, m]) => m);
  }
}
