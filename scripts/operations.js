#!/usr/bin/env node
// Writes the README's table of implemented operations from the code: an operation is implemented when
// src/services/<service>/operations/<Operation>.ts exists. `--check` fails when the README is stale.

const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const README = path.join(ROOT, "README.md");
const START = "<!-- operations:start -->";
const END = "<!-- operations:end -->";
const SERVICES = [
  ["Cognito user pools", "cognito-idp", "user-pools"],
  ["Cognito identity pools", "cognito-identity", "identity-pools"],
  ["STS", "sts", "sts"],
  ["Cognito Sync", "cognito-sync", "sync"],
];

function implementedIn(dir) {
  const folder = path.join(ROOT, "src/services", dir, "operations");
  if (!fs.existsSync(folder)) return new Set();
  return new Set(fs.readdirSync(folder).flatMap((file) => (/^[A-Z][A-Za-z0-9]+\.ts$/.test(file) ? [file.slice(0, -3)] : [])));
}

function section() {
  const lines = [START, "", "| API | implemented | not implemented |", "|---|---|---|"];
  for (const [title, model, dir] of SERVICES) {
    const operations = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, "src/models", `${model}.json`), "utf8")).operations).sort();
    const implemented = implementedIn(dir);
    const missing = operations.filter((op) => !implemented.has(op));
    lines.push(`| ${title} | ${operations.length - missing.length} of ${operations.length} | ${missing.length ? missing.join(", ") : "—"} |`);
  }
  lines.push("", END);
  return lines.join("\n");
}

const readme = fs.readFileSync(README, "utf8");
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < 0) throw new Error(`README.md has no ${START} … ${END} section`);
const updated = readme.slice(0, start) + section() + readme.slice(end + END.length);
if (process.argv.includes("--check")) {
  if (updated !== readme) {
    process.stderr.write("README.md's operations table is out of date: run `npm run operations`\n");
    process.exit(1);
  }
} else {
  fs.writeFileSync(README, updated);
}
