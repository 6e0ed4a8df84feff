/**
 * What the emulator prints: one line per request (operation, pool, user, outcome, ms), every code and
 * invitation it "sends" made to stand out, and lifecycle events. `text` is for people, `json` (one
 * object per line) for log collectors. `quiet` keeps only errors.
 */
export type LogFormat = "text" | "json";

export interface RequestLogEntry {
  operation: string;
  userPoolId?: string;
  username?: string;
  /** The JSON format also tells the client and identity pool a request named. */
  clientId?: string;
  identityPoolId?: string;
  /** "ok" or the exception name answered. */
  outcome: string;
  ms: number;
}

/** What the outbox passes along with a sent message. */
export interface MessageLogFields {
  userPoolId?: string;
  username?: string;
  destination?: string;
  deliveryMedium?: string;
  reason?: string;
  code?: string;
  [field: string]: unknown;
}

export interface LoggerOptions {
  /** ANSI colours; by default only when writing to a terminal and NO_COLOR is unset. */
  color?: boolean;
  /**
   * Where progress lines are drawn, in place: by default stderr when no sink is given. Only a
   * terminal gets them (never a pipe, a file, the JSON format or --quiet).
   */
  progressStream?: Pick<NodeJS.WriteStream, "isTTY" | "write">;
  /** Where error lines go; by default stderr, or the main sink when one is given. */
  errorSink?: (line: string) => void;
  /** Wall-clock time for the text format's timestamp; tests pin it. */
  now?: () => Date;
}

/** Failures that are the emulator's, not the caller's: printed even with --quiet. */
const INTERNAL_OUTCOMES = new Set(["InternalErrorException", "InternalError"]);

const OPERATION_WIDTH = 26;
const POOL_WIDTH = 20;
const USER_WIDTH = 16;

const ansi = (code: string) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;
const plain = (text: string) => text;

export class Logger {
  private readonly colors: { dim: (s: string) => string; ok: (s: string) => string; fail: (s: string) => string; code: (s: string) => string; mail: (s: string) => string };
  private readonly color: boolean;
  private readonly errorSink: (line: string) => void;
  private readonly now: () => Date;
  private readonly progressStream: Pick<NodeJS.WriteStream, "isTTY" | "write"> | undefined;
  /** A progress line is on the terminal, to be cleared before the next line is written. */
  private progressShown = false;

  constructor(
    private readonly format: LogFormat = "text",
    private readonly quiet = false,
    private readonly sink?: (line: string) => void,
    options: LoggerOptions = {},
  ) {
    this.color = options.color ?? (!sink && wantsColor());
    this.colors = this.color
      ? { dim: ansi("2"), ok: ansi("32"), fail: ansi("31"), code: ansi("1;30;43"), mail: ansi("1;33") }
      : { dim: plain, ok: plain, fail: plain, code: plain, mail: plain };
    this.errorSink = options.errorSink ?? sink ?? ((line) => process.stderr.write(line + "\n"));
    this.now = options.now ?? (() => new Date());
    this.progressStream = options.progressStream ?? (sink ? undefined : process.stderr);
  }

  info(message: string, fields: Record<string, unknown> = {}): void {
    if (this.quiet) return;
    this.write(this.format === "json" ? this.json("info", { message, ...fields }) : this.textLine(message, fields));
  }

  /** Always printed, even with --quiet, beside errors: what the user must know about how the emulator runs. */
  warn(message: string, fields: Record<string, unknown> = {}): void {
    const line = this.format === "json" ? this.json("warn", { message, ...fields }) : this.textLine(this.colors.mail(`warning: ${message}`), fields);
    this.writeError(line);
  }

  /** Always printed, even with --quiet: the user needs to read errors. */
  error(message: string, fields: Record<string, unknown> = {}): void {
    const line = this.format === "json" ? this.json("error", { message, ...fields }) : this.textLine(this.colors.fail(`error: ${message}`), fields);
    this.writeError(line);
  }

  /** Whether progress() draws anything: a terminal, the text format, not --quiet. */
  get showsProgress(): boolean {
    return this.format === "text" && !this.quiet && this.progressStream?.isTTY === true;
  }

  /**
   * Long work (a large fixture loading) says how far it is, on one line redrawn in place; `undefined`
   * clears it. Only on a terminal: a log file or a JSON collector gets the summary line that follows instead.
   */
  progress(text: string | undefined): void {
    if (!this.showsProgress) return;
    if (text === undefined) return this.clearProgress();
    this.progressStream!.write(`\r\x1b[K${this.colors.dim(text)}`);
    this.progressShown = true;
  }

  request(entry: RequestLogEntry): void {
    const internal = INTERNAL_OUTCOMES.has(entry.outcome);
    if (this.quiet && !internal) return;
    const ms = Math.round(entry.ms * 10) / 10;
    if (this.format === "json") {
      // A collector filters on level: a refused request is the caller's mistake (warn), a failed one the emulator's (error).
      const level = internal ? "error" : entry.outcome === "ok" ? "info" : "warn";
      const line = this.json(level, { type: "request", ...entry, ms });
      return internal ? this.writeError(line) : this.write(line);
    }
    const { dim, ok, fail } = this.colors;
    const columns = [
      dim(this.clock()),
      entry.operation.padEnd(OPERATION_WIDTH),
      (entry.userPoolId ?? "-").padEnd(POOL_WIDTH),
      (entry.username ?? "-").padEnd(USER_WIDTH),
      entry.outcome === "ok" ? ok("ok") : fail(entry.outcome),
      dim(`${ms.toFixed(1)} ms`),
    ];
    const line = columns.join(" ");
    if (internal) this.writeError(line);
    else this.write(line);
  }

  /** A code or invitation the emulator "sent": its own line, the code set apart so the eye finds it. */
  message(text: string, fields: MessageLogFields = {}): void {
    if (this.quiet) return;
    if (this.format === "json") {
      this.write(this.json("info", { type: "message", message: text, ...fields }));
      return;
    }
    const { dim, code, mail } = this.colors;
    if (!fields.deliveryMedium || !fields.destination) {
      this.write(`${dim(this.clock())} ${mail(`✉ ${text}`)}`);
      return;
    }
    const what = fields.reason === "AdminCreateUser" ? "temporary password" : "code";
    const secret = fields.code ? ` ${what} ${this.color ? code(` ${fields.code} `) : fields.code}` : "";
    const context = [fields.reason, fields.userPoolId, fields.username].filter(Boolean).join(" · ");
    this.write(`${dim(this.clock())} ${mail(`✉ ${fields.deliveryMedium} to ${fields.destination}`)}${secret}${context ? dim(`  (${context})`) : ""}`);
  }

  private write(line: string): void {
    this.clearProgress();
    if (this.sink) this.sink(line);
    else process.stdout.write(line + "\n");
  }

  private writeError(line: string): void {
    this.clearProgress();
    this.errorSink(line);
  }

  private clearProgress(): void {
    if (!this.progressShown) return;
    this.progressStream!.write("\r\x1b[K");
    this.progressShown = false;
  }

  private json(level: string, fields: Record<string, unknown>): string {
    return JSON.stringify({ level, time: this.now().toISOString(), ...fields });
  }

  /** Timed like traffic lines, so a reload or reset is placed among the requests around it. */
  private textLine(message: string, fields: Record<string, unknown>): string {
    const extra = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
    return [this.colors.dim(this.clock()), message, ...extra].join(" ");
  }

  /** Local wall-clock time of day on text lines: a person matches them to what they just did. */
  private clock(): string {
    const t = this.now();
    const two = (n: number) => String(n).padStart(2, "0");
    return `${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`;
  }
}

function wantsColor(): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return Boolean(process.stdout.isTTY);
}
