#!/usr/bin/env node
/*
 * Summarises a V8 heap snapshot by what the objects are: the live heap's bytes and counts per kind
 * (strings together, objects by constructor, arrays, ...).
 *
 *   node --heapsnapshot-signal=SIGUSR2 bin/cognito-emu start --fixtures big.json   (then kill -USR2 <pid>)
 *   node --max-old-space-size=4096 bench/heap.js <file.heapsnapshot> [--top N]
 *
 * A snapshot is taken after a full collection: it shows what is live, not what the process holds.
 */

const fs = require("node:fs");

const argv = process.argv.slice(2);
const file = argv.find((a, i) => !a.startsWith("--") && argv[i - 1] !== "--top");
if (!file) {
  console.error("usage: node bench/heap.js <file.heapsnapshot> [--top N]");
  process.exit(2);
}
const top = argv.includes("--top") ? Number(argv[argv.indexOf("--top") + 1]) : 30;

const snapshot = JSON.parse(fs.readFileSync(file, "utf8"));
const { meta } = snapshot.snapshot;
const fields = meta.node_fields.length;
const types = meta.node_types[0];
const TYPE = meta.node_fields.indexOf("type");
const NAME = meta.node_fields.indexOf("name");
const SIZE = meta.node_fields.indexOf("self_size");
const STRINGS = new Set(["string", "concatenated string", "sliced string"]);

const kinds = new Map();
let total = 0;
for (let i = 0; i < snapshot.nodes.length; i += fields) {
  const type = types[snapshot.nodes[i + TYPE]];
  // Strings and code are named by their contents: one line each for all of them.
  const name = STRINGS.has(type) || type === "code" ? "" : String(snapshot.strings[snapshot.nodes[i + NAME]]).slice(0, 60);
  const key = name ? `${type} ${name}` : type;
  const size = snapshot.nodes[i + SIZE];
  total += size;
  const kind = kinds.get(key) || { bytes: 0, count: 0 };
  kind.bytes += size;
  kind.count++;
  kinds.set(key, kind);
}
console.log(`${file}: ${(total / 1e6).toFixed(1)} MB live`);
console.log(`${"MB".padStart(8)} ${"count".padStart(9)}  kind`);
for (const [key, { bytes, count }] of [...kinds].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
  console.log(`${(bytes / 1e6).toFixed(2).padStart(8)} ${String(count).padStart(9)}  ${key}`);
}
