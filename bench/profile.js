#!/usr/bin/env node
/*
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `BENCH_PROFILE=1 npm run bench`): the share of the
 * event loop's busy time each function takes itself and with what it calls.
 *
 *   node bench/profile.js <file.cpuprofile> [--top N] [--from S] [--to S]
 *
 * --from/--to keep the samples between S seconds after the profile began (a phase of a run).
 * Shares are of the samples where the thread was not idle. On a machine whose cores are all busy, time a
 * thread waits for a core shows in whatever function it was in; per-thread CPU time (/proc/<pid>/task)
 * is the figure to trust for how much work that is.
 */

const fs = require("node:fs");

function main(argv) {
  const file = argv.find((a, i) => !a.startsWith("--") && !(argv[i - 1] || "").startsWith("--"));
  if (!file) {
    console.error("usage: node bench/profile.js <file.cpuprofile> [--top N] [--from S] [--to S]");
    process.exit(2);
  }
  const option = (name, dflt) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  const top = option("--top", 25);
  const fromUs = option("--from", 0) * 1e6;
  const toUs = option("--to", Number.POSITIVE_INFINITY) * 1e6;

  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children || []) parents.set(child, node.id);
  const label = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^file:\/\//, "").replace(/.*\/(dist|src|node_modules)\//, "$1/");
    return `${functionName || "(anonymous)"} ${where}${where ? `:${lineNumber + 1}` : ""}`;
  };

  const self = new Map();
  const inclusive = new Map();
  let busy = 0;
  let idle = 0;
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at < fromUs || at > toUs) return;
    // A sample stands for the time until the next one.
    const weight = profile.timeDeltas[i + 1] ?? 0;
    const node = nodes.get(id);
    if (node.callFrame.functionName === "(idle)") {
      idle += weight;
      return;
    }
    busy += weight;
    const name = label(node);
    self.set(name, (self.get(name) || 0) + weight);
    const counted = new Set();
    for (let up = id; up !== undefined; up = parents.get(up)) {
      const frame = label(nodes.get(up));
      if (counted.has(frame)) continue;
      counted.add(frame);
      inclusive.set(frame, (inclusive.get(frame) || 0) + weight);
    }
  });

  const share = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const print = (title, map, keep) => {
    console.log(title);
    for (const [name, us] of [...map].filter(keep).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${share(us)}  ${name}`);
  };
  console.log(`${file}: ${(busy / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle`);
  print("itself:", self, () => true);
  // Frames every sample passes through (the root, the event loop's own) say nothing.
  print("with what it calls:", inclusive, ([name, us]) => us < busy * 0.99 && !name.startsWith("(root)"));
}

main(process.argv.slice(2));
