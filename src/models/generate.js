#!/usr/bin/env node
// Builds the compact service models the wire protocols run on from the AWS service models
// (botocore's *.service-2.json). Documentation and examples are dropped; every shape, constraint,
// operation and error is kept. Usage: node src/models/generate.js [reference-dir]
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const referenceDir = path.resolve(process.argv[2] || path.join(__dirname, "../../../shared/reference"));
const services = ["cognito-idp", "cognito-identity", "cognito-sync", "sts"];
const droppedKeys = new Set(["documentation", "documentationUrl", "deprecatedMessage", "examples", "box", "wrapper"]);

function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === "object") {
    const out = {};
    for (const [key, inner] of Object.entries(value)) {
      if (!droppedKeys.has(key)) out[key] = strip(inner);
    }
    return out;
  }
  return value;
}

for (const name of services) {
  const source = JSON.parse(fs.readFileSync(path.join(referenceDir, `${name}.service-2.json`), "utf8"));
  const m = source.metadata;
  const compact = {
    metadata: {
      protocol: m.protocol,
      apiVersion: m.apiVersion,
      endpointPrefix: m.endpointPrefix,
      targetPrefix: m.targetPrefix,
      xmlNamespace: m.xmlNamespace,
    },
    operations: Object.fromEntries(
      Object.entries(source.operations).map(([op, def]) => [
        op,
        strip({ http: def.http, input: def.input?.shape, output: def.output?.shape, errors: (def.errors || []).map((e) => e.shape) }),
      ]),
    ),
    shapes: strip(source.shapes),
  };
  const target = path.join(__dirname, `${name}.json`);
  fs.writeFileSync(target, JSON.stringify(compact) + "\n");
  console.log(`${target}: ${Object.keys(compact.operations).length} operations, ${Object.keys(compact.shapes).length} shapes`);
}
