/** Human-readable (or JSON) log lines: one per request, plus highlighted codes and lifecycle events. */
export type LogFormat = "text" | "json";

export interface RequestLogEntry {
  operation: string;
  userPoolId?: string;
  username?: string;
  outcome: string;
  ms: number;
}

export class Logger {
  constructor(
    private readonly format: LogFormat = "text",
    private readonly quiet = false,
    private readonly sink: (line: string) => void = (line) => process.stdout.write(line + "\n"),
  ) {}

  info(message: string, fields: Record<string, unknown> = {}): void {
    if (this.quiet) return;
    this.emit("info", message, fields);
  }

  /** Always printed, even with --quiet: the user needs to read errors. */
  error(message: string, fields: Record<string, unknown> = {}): void {
    this.emit("error", message, fields);
  }

  request(entry: RequestLogEntry): void {
    if (this.quiet) return;
    if (this.format === "json") {
      this.sink(JSON.stringify({ level: "info", type: "request", time: new Date().toISOString(), ...entry }));
      return;
    }
    const who = [entry.userPoolId, entry.username].filter(Boolean).join(" ");
    this.sink(`${entry.operation}${who ? ` ${who}` : ""} -> ${entry.outcome} (${entry.ms.toFixed(1)} ms)`);
  }

  /** A code or invitation the emulator "sent": highlighted so it stands out in a terminal. */
  message(text: string, fields: Record<string, unknown> = {}): void {
    if (this.quiet) return;
    if (this.format === "json") {
      this.sink(JSON.stringify({ level: "info", type: "message", time: new Date().toISOString(), message: text, ...fields }));
      return;
    }
    const highlight = process.stdout.isTTY ? (s: string) => `\x1b[1;33m${s}\x1b[0m` : (s: string) => s;
    this.sink(highlight(`✉ ${text}`));
  }

  private emit(level: string, message: string, fields: Record<string, unknown>) {
    if (this.format === "json") {
      this.sink(JSON.stringify({ level, time: new Date().toISOString(), message, ...fields }));
    } else {
      const extra = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
      this.sink([level === "error" ? `error: ${message}` : message, ...extra].join(" "));
    }
  }
}
