import { MAX_BODY_BYTES } from "../server/fastPath";
import { models, type ServiceModel } from "./model";
import { compileAsWritten, compilePattern, LINEAR_EQUIVALENTS } from "./validate";

/**
 * Every model pattern is matched against request values on the event loop, so each must run in time
 * linear in the value: one slow match stalls every other request. Each pattern reachable from an
 * operation's input is fed hostile strings (runs of a character or literal the pattern accepts, then
 * one it refuses) and must answer well within the budget.
 */

/** A request must not hold the event loop longer than this; the test fails only past FAIL_MS (shared CI machines). */
const BUDGET_MS = 50;
const FAIL_MS = 200;
/** Every candidate runs at this length (the maximum, or past it: over-long values are still matched)... */
const SWEEP_LENGTH = 64 * 1024;
/** ...and the slowest few again at the largest value a request can carry. */
const BODY_LENGTH = MAX_BODY_BYTES;
const FAILING_CHARS = ["\u0000", " ", "\n"];

interface ReachablePattern {
  pattern: string;
  /** The largest `max` of the shapes using it; the body limit where a shape has none. */
  max: number;
  shapes: string[];
}

function reachablePatterns(): ReachablePattern[] {
  const found = new Map<string, ReachablePattern>();
  for (const [service, model] of Object.entries(models) as Array<[string, ServiceModel]>) {
    const seen = new Set<string>();
    const walk = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const shape = model.shapes[name];
      if (!shape) return;
      for (const ref of Object.values(shape.members ?? {})) walk(ref.shape);
      for (const ref of [shape.member, shape.key, shape.value]) if (ref) walk(ref.shape);
      if (shape.type !== "string" || !shape.pattern) return;
      const entry = found.get(shape.pattern) ?? { pattern: shape.pattern, max: 0, shapes: [] };
      entry.max = Math.max(entry.max, shape.max ?? BODY_LENGTH);
      entry.shapes.push(`${service}:${name}`);
      found.set(shape.pattern, entry);
    };
    for (const operation of Object.values(model.operations)) if (operation.input) walk(operation.input);
  }
  return [...found.values()];
}

const CLASS_ESCAPES: Record<string, string> = { d: "0", D: "a", w: "a", W: "-", s: " ", S: "a", t: "\t", n: "\n", r: "\r" };

/** Characters the pattern names (literals, class members and range ends) and its literal runs, such as `{####}` or `arn:`. */
function pieces(pattern: string): { chars: Set<string>; runs: string[] } {
  const chars = new Set<string>();
  const runs: string[] = [];
  let run = "";
  let inClass = false;
  const endRun = () => {
    if (run.length > 1) runs.push(run);
    run = "";
  };
  for (let i = 0; i < pattern.length; i++) {
    let ch = pattern[i];
    let literal = true;
    if (ch === "\\") {
      const next = pattern[++i];
      if (next === "p" || next === "P") {
        i = pattern.indexOf("}", i);
        literal = false;
        ch = "a";
      } else if (next === "x") {
        ch = String.fromCharCode(parseInt(pattern.slice(i + 1, i + 3), 16));
        i += 2;
      } else if (next === "u") {
        ch = String.fromCharCode(parseInt(pattern.slice(i + 1, i + 5), 16));
        i += 4;
      } else if (CLASS_ESCAPES[next] !== undefined) {
        ch = CLASS_ESCAPES[next];
        literal = false;
      } else {
        ch = next;
      }
    } else if (inClass) {
      if (ch === "]") inClass = false;
      if (ch === "]" || ch === "^") continue;
    } else if (ch === "[") {
      endRun();
      inClass = true;
      continue;
    } else if ("()*+?{}|^$.".includes(ch)) {
      endRun();
      if (ch === "{") i = pattern.indexOf("}", i);
      continue;
    }
    chars.add(ch);
    if (inClass || !literal) endRun();
    else run += ch;
  }
  endRun();
  return { chars, runs };
}

function hostileStrings(pattern: string, length: number): Array<{ label: string; value: string }> {
  const { chars, runs } = pieces(pattern);
  const units = new Set<string>([...chars, "a", "0", "_", "-", ".", "@", ":", "{", "#", "é", ...runs]);
  for (const first of runs.slice(0, 8)) for (const second of runs.slice(0, 8)) units.add(first + second);
  const strings: Array<{ label: string; value: string }> = [];
  for (const unit of units) {
    const body = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    strings.push({ label: `${JSON.stringify(unit)} x ${length}`, value: body });
    for (const failing of FAILING_CHARS) strings.push({ label: `${JSON.stringify(unit)} x ${length - 1} + ${JSON.stringify(failing)}`, value: body.slice(0, -1) + failing });
  }
  return strings;
}

/** The fastest of three runs: a garbage collection landing inside one run is not the pattern's cost. */
function timeMatch(regex: RegExp, value: string): number {
  let fastest = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    regex.test(value);
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

interface Timing {
  pattern: string;
  length: number;
  label: string;
  ms: number;
}

describe("model patterns run in linear time", () => {
  const patterns = reachablePatterns();

  it("finds the patterns of the operations' inputs", () => {
    expect(patterns.length).toBeGreaterThan(50);
    expect(patterns.map((p) => p.pattern)).toEqual(expect.arrayContaining(Object.keys(LINEAR_EQUIVALENTS)));
  });

  it(`matches each pattern's hostile inputs within ${BUDGET_MS} ms`, () => {
    const slowest: Timing[] = [];
    for (const { pattern, max } of patterns) {
      const regex = compilePattern(pattern);
      if (!regex) continue;
      // Growing lengths, so that a polynomial pattern fails the test in seconds rather than hanging it.
      const lengths = [...new Set([1024, 4096, 16384, Math.min(max, SWEEP_LENGTH), SWEEP_LENGTH])].sort((a, b) => a - b);
      const timings: Timing[] = [];
      for (const length of lengths) {
        for (const { label, value } of hostileStrings(pattern, length)) timings.push({ pattern, length, label, ms: timeMatch(regex, value) });
        if (timings.some((t) => t.ms > FAIL_MS)) break;
      }
      timings.sort((a, b) => b.ms - a.ms);
      // The slowest candidates again at the size of a whole request body.
      for (const { label } of timings[0].ms > FAIL_MS ? [] : timings.slice(0, 3)) {
        const unit = JSON.parse(label.split(" x ")[0]) as string;
        const failing = label.includes(" + ") ? (JSON.parse(label.split(" + ")[1]) as string) : "";
        const value = unit.repeat(Math.ceil(BODY_LENGTH / unit.length)).slice(0, BODY_LENGTH - failing.length) + failing;
        timings.push({ pattern, length: BODY_LENGTH, label: label.replace(/ x \d+/, ` x ${BODY_LENGTH - failing.length}`), ms: timeMatch(regex, value) });
      }
      timings.sort((a, b) => b.ms - a.ms);
      slowest.push(timings[0]);
    }
    slowest.sort((a, b) => b.ms - a.ms);
    console.log(
      `slowest pattern matches (budget ${BUDGET_MS} ms):\n` +
        slowest
          .slice(0, 8)
          .map((t) => `  ${t.ms.toFixed(1).padStart(7)} ms  ${t.pattern}  on ${t.label}`)
          .join("\n"),
    );
    expect(slowest.filter((t) => t.ms > FAIL_MS)).toEqual([]);
  });
});

describe("linear-time equivalents of slow patterns", () => {
  /** Every string up to `length` over `alphabet`: small enough to enumerate, rich enough to hit each pattern's edges. */
  function* strings(alphabet: string[], length: number): Generator<string> {
    yield "";
    let level = [""];
    for (let i = 0; i < length; i++) {
      const next: string[] = [];
      for (const prefix of level) for (const ch of alphabet) next.push(prefix + ch);
      yield* next;
      level = next;
    }
  }

  it.each(Object.keys(LINEAR_EQUIVALENTS))("accepts exactly what %s accepts", (pattern) => {
    const original = compileAsWritten(pattern)!;
    const linear = compilePattern(pattern)!;
    expect(linear.source).not.toBe(original.source);
    // Letters, the patterns' literals, and a character of each category outside the printable classes
    // (control, space, line separator, format, private use, lone surrogate, unassigned).
    const alphabet = ["a", "@", "{", "}", "#", "*", " ", "\n", "\u0000", "\u2028", "\u00ad", "\ue000", "\ud800", "\u0378"];
    let compared = 0;
    let accepted = 0;
    const differing: string[] = [];
    const compare = (value: string) => {
      compared++;
      const expected = original.test(value);
      if (expected) accepted++;
      if (linear.test(value) !== expected) differing.push(value);
    };
    for (const value of strings(alphabet, 4)) compare(value);
    // Longer values built from the literals the patterns are about.
    const parts = ["{####}", "{##", "##}", "{", "}", "#", "##", "@", "a", " ", "\n", "\u0000", "é", "\u00ad", "\ud83d\ude00"];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20000; i++) {
      let value = "";
      const count = 1 + Math.floor(random() * 8);
      for (let j = 0; j < count; j++) value += parts[Math.floor(random() * parts.length)];
      compare(value);
    }
    expect(differing.slice(0, 5).map((value) => JSON.stringify(value))).toEqual([]);
    // Both outcomes were exercised.
    expect(accepted).toBeGreaterThan(100);
    expect(compared - accepted).toBeGreaterThan(100);
  });
});
