/** Tokens as they were handed out, for the web console to show and copy. */
export interface IssuedRecord {
  poolId: string;
  clientId: string;
  /** Absent for client_credentials tokens, whose subject is the client. */
  username?: string;
  sub: string;
  /** Why they were minted: the pre token generation source, "ClientCredentials", or "Minted" (/_emu/tokens). */
  source: string;
  /** Epoch seconds, by the emulator's clock. */
  issuedAt: number;
  IdToken?: string;
  AccessToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
}

/**
 * The last tokens issued, newest last, in memory only and bounded, so a long run or a benchmark's
 * thousands of sign-ins cost a fixed few hundred kilobytes. Tokens themselves are never stored
 * anywhere else (refresh tokens only by hash), so this is the only way to look one up again.
 */
export class RecentTokens {
  private readonly records: IssuedRecord[] = [];

  constructor(private readonly limit = 200) {}

  add(record: IssuedRecord): void {
    this.records.push(record);
    if (this.records.length > this.limit) this.records.splice(0, this.records.length - this.limit);
  }

  /** Replaces what was recorded of the tokens whose access token is `accessToken` (a test broke them on purpose). */
  amend(accessToken: string, changes: Partial<Pick<IssuedRecord, "IdToken" | "AccessToken">>): void {
    const record = this.records.findLast((r) => r.AccessToken === accessToken);
    if (record) Object.assign(record, changes);
  }

  /** A user's (or, with no sub, a client's machine) tokens, newest first. */
  find(poolId: string, match: { sub?: string; clientId?: string }): IssuedRecord[] {
    return this.records
      .filter((r) => r.poolId === poolId && (match.sub === undefined || r.sub === match.sub) && (match.clientId === undefined || r.clientId === match.clientId))
      .reverse();
  }
}
