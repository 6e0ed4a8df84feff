#!/usr/bin/env node
// `prepare` builds the sources after `npm ci` in a clone. An installed package ships dist/ already, so the
// packed manifest leaves `prepare` out: installing cognito-emu then runs no script of its own.
// prepack: `node scripts/pack-manifest.js strip`; postpack: `node scripts/pack-manifest.js restore`.
const fs = require("node:fs");
const path = require("node:path");

const manifest = path.join(__dirname, "..", "package.json");
const saved = `${manifest}.unpacked`;

if (process.argv[2] === "strip") {
  const text = fs.readFileSync(manifest, "utf8");
  fs.writeFileSync(saved, text);
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  fs.writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (process.argv[2] === "restore") {
  if (fs.existsSync(saved)) fs.renameSync(saved, manifest);
} else {
  process.stderr.write("usage: pack-manifest.js strip|restore\n");
  process.exit(2);
}
