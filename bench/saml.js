#!/usr/bin/env node
/*
 * node bench/saml.js — time to validate one signed SAML response (signature, decryption when asked,
 * reading the assertion) with each service-provider library the emulator could use: @node-saml/node-saml
 * and samlify. The IdP is samlify's. Needs a build (dist/) for the certificate helper.
 *
 *   SAML_BENCH_RUNS   validations per library and case (default 300, after 30 warm-up runs)
 */

const { generateKeyPairSync } = require("node:crypto");
const samlify = require("samlify");
const { SAML } = require("@node-saml/node-saml");
const { poolSigningCertificate } = require("../dist/tokens/certificate");

const RUNS = Math.max(1, Number(process.env.SAML_BENCH_RUNS) || 300);
const WARMUP = 30;
const SP_ENTITY = "urn:amazon:cognito:sp:us-east-1_Bench0001";
const ACS = "http://127.0.0.1:9229/saml2/idpresponse";

samlify.setSchemaValidator({ validate: async () => "skipped" });

function keyAndCertificate(name) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), certificate: poolSigningCertificate({ Id: name, CreationDate: Date.now() }, { privateKey, publicKey }) };
}

async function main() {
  const idpKeys = keyAndCertificate("bench-idp");
  const spKeys = keyAndCertificate("us-east-1_Bench0001");
  const idp = (encrypted) =>
    samlify.IdentityProvider({
      entityID: "https://idp.bench.example/metadata",
      privateKey: idpKeys.privateKey,
      signingCert: idpKeys.certificate,
      isAssertionEncrypted: encrypted,
      singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: "https://idp.bench.example/sso" }],
      singleLogoutService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: "https://idp.bench.example/slo" }],
    });
  const sp = samlify.ServiceProvider({
    entityID: SP_ENTITY,
    assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: ACS }],
    wantAssertionsSigned: true,
    encryptCert: spKeys.certificate,
    encPrivateKey: spKeys.privateKey,
    isAssertionEncrypted: true,
  });
  const plainSp = samlify.ServiceProvider({ entityID: SP_ENTITY, assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: ACS }], wantAssertionsSigned: true });

  const results = [];
  for (const encrypted of [false, true]) {
    const issuer = idp(encrypted);
    const response = (await issuer.createLoginResponse(encrypted ? sp : plainSp, { extract: { request: { id: "_bench" } } }, "post", { email: "jane@example.com" })).context;
    const nodeSaml = new SAML({
      idpCert: idpKeys.certificate,
      issuer: SP_ENTITY,
      callbackUrl: ACS,
      audience: false,
      wantAssertionsSigned: false,
      wantAuthnResponseSigned: false,
      acceptedClockSkewMs: -1,
      decryptionPvk: encrypted ? spKeys.privateKey : undefined,
    });
    const cases = {
      "@node-saml/node-saml": () => nodeSaml.validatePostResponseAsync({ SAMLResponse: response }),
      samlify: () => (encrypted ? sp : plainSp).parseLoginResponse(issuer, "post", { body: { SAMLResponse: response } }),
    };
    for (const [library, validate] of Object.entries(cases)) {
      for (let i = 0; i < WARMUP; i++) await validate();
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const started = process.hrtime.bigint();
        await validate();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((a, b) => a - b);
      results.push({ library, encrypted, median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] });
    }
  }
  console.log(`validating one signed SAML response (${RUNS} runs each, after ${WARMUP} warm-up runs)`);
  console.log("| library | assertion | median | p95 |");
  console.log("|---|---|---|---|");
  for (const r of results) console.log(`| ${r.library} | ${r.encrypted ? "signed, encrypted" : "signed"} | ${r.median.toFixed(2)} ms | ${r.p95.toFixed(2)} ms |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
