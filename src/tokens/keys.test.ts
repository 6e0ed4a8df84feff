import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { Store } from "../store/store";
import { InvalidSigningKeys, KeyRing, parseFixedKeys, type PoolKeysRecord } from "./keys";
import { POOL_ID, tokenTestbed } from "./testing";

const rsa = (bits = 2048) => generateKeyPairSync("rsa", { modulusLength: bits }).privateKey;
const KID_SHAPE = /^[A-Za-z0-9+/]{43}=$/;

describe("generated keys", () => {
  test("two RS256 signing keys with Cognito-shaped kids, plus an encryption key, stored as plain JSON", async () => {
    const { tokens, store } = tokenTestbed();
    const { keys } = await tokens.jwks(POOL_ID);
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(Object.keys(key)).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
      expect(key).toMatchObject({ alg: "RS256", e: "AQAB", kty: "RSA", use: "sig" });
      expect(key.kid).toMatch(KID_SHAPE);
      expect(Buffer.from(key.n, "base64url")).toHaveLength(256);
    }
    expect(keys[0].kid).not.toBe(keys[1].kid);
    const row = store.table<PoolKeysRecord>("signingKeys").get(POOL_ID)!;
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
    expect(row.RefreshToken.PrivateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(new Set([row.IdToken.Kid, row.AccessToken.Kid, row.RefreshToken.Kid]).size).toBe(3);
  });

  test("concurrent callers share one generation; later calls are idempotent", async () => {
    const store = new Store();
    const ring = new KeyRing(store);
    const writes: string[] = [];
    store.onChange((table, key) => writes.push(`${table}/${key}`));
    const results = await Promise.all([ring.ensure("p1"), ring.ensure("p1"), ring.ensure("p1")]);
    expect(new Set(results).size).toBe(1);
    expect(writes).toEqual(["signingKeys/p1"]);
    expect(ring.ensure("p1")).toBe(results[0]); // synchronous and cached once the keys exist
    expect(writes).toHaveLength(1);
  });

  test("keys survive in the store: a new ring over the same store reuses them", async () => {
    const store = new Store();
    const first = await new KeyRing(store).ensure("p1");
    const again = await new KeyRing(store).ensure("p1");
    expect(again.idToken.kid).toBe(first.idToken.kid);
    expect(again.accessToken.jwk).toEqual(first.accessToken.jwk);
  });

  test("a replaced or deleted row is noticed (reset, rollback, reload)", async () => {
    const store = new Store();
    const ring = new KeyRing(store);
    const first = await ring.ensure("p1");
    store.clear();
    expect(ring.current("p1")).toBeUndefined();
    const second = await ring.ensure("p1");
    expect(second.idToken.kid).not.toBe(first.idToken.kid);
    ring.delete("p1");
    expect(ring.current("p1")).toBeUndefined();
  });
});

describe("fixed keys", () => {
  test("accepts PEM strings and JWKs (keeping a JWK's kid), generating the missing encryption key", async () => {
    const { tokens } = tokenTestbed();
    const idKey = rsa();
    const accessJwk = { ...rsa().export({ format: "jwk" }), kid: "my-access-key" };
    await tokens.setFixedKeys(POOL_ID, { IdToken: idKey.export({ format: "pem", type: "pkcs1" }), AccessToken: accessJwk });
    const { keys } = await tokens.jwks(POOL_ID);
    expect(keys[0].kid).toMatch(KID_SHAPE);
    expect(keys[0].n).toBe(idKey.export({ format: "jwk" }).n);
    expect(keys[1]).toMatchObject({ kid: "my-access-key", n: accessJwk.n });
    expect(tokens.keys.isFixed(POOL_ID)).toBe(true);
  });

  test("re-applying the same fixture changes nothing; exported keys round-trip", async () => {
    const { tokens, store } = tokenTestbed();
    const fixture = { IdToken: rsa().export({ format: "jwk" }), AccessToken: rsa().export({ format: "jwk" }) };
    await tokens.setFixedKeys(POOL_ID, fixture);
    const writes: string[] = [];
    store.onChange((table) => writes.push(table));
    await tokens.setFixedKeys(POOL_ID, fixture);
    expect(writes).toEqual([]);

    const exported = tokens.exportKeys(POOL_ID)!;
    const before = await tokens.jwks(POOL_ID);
    const other = tokenTestbed();
    await other.tokens.setFixedKeys(POOL_ID, JSON.parse(JSON.stringify(exported)));
    expect(await other.tokens.jwks(POOL_ID)).toEqual(before);
    expect(other.store.table<PoolKeysRecord>("signingKeys").get(POOL_ID)).toEqual(store.table<PoolKeysRecord>("signingKeys").get(POOL_ID));
  });

  test("fixed keys win over a generation in flight, whichever finishes first", async () => {
    const store = new Store();
    const ring = new KeyRing(store);
    const generating = ring.ensure("p1");
    const fixture = { IdToken: { ...rsa().export({ format: "jwk" }), kid: "id" }, AccessToken: { ...rsa().export({ format: "jwk" }), kid: "access" } };
    await Promise.all([generating, ring.setFixed("p1", fixture)]);
    expect(ring.current("p1")!.idToken.kid).toBe("id");
    expect((await ring.ensure("p1")).accessToken.kid).toBe("access");
  });

  const invalid: Array<[string, unknown, string]> = [
    ["not an object", "key", 'signing keys: expected an object like {"IdToken": <key>, "AccessToken": <key>}'],
    ["missing IdToken", { AccessToken: "x" }, "IdToken: missing"],
    ["unknown member", { IdToken: "x", AccessToken: "y", Signing: "z" }, "Signing: unknown key purpose"],
    ["garbage PEM", { IdToken: "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----", AccessToken: "y" }, "IdToken: not a usable RSA private key"],
    ["public JWK", { IdToken: { kty: "RSA", n: "AQAB", e: "AQAB" }, AccessToken: "y" }, "IdToken: not a usable RSA private key (JWK object or PEM string): the JWK has no private part (d)"],
    ["EC key", { IdToken: generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" }), AccessToken: "y" }, "IdToken: expected an RSA key, got ec"],
    ["small key", { IdToken: rsa(1024).export({ format: "jwk" }), AccessToken: "y" }, "IdToken: RSA key is 1024 bits; at least 2048 are needed"],
    ["empty kid", { IdToken: { ...rsa().export({ format: "jwk" }), kid: "" }, AccessToken: "y" }, "IdToken.kid: must be a non-empty string"],
  ];
  test.each(invalid)("rejects %s with a message naming the field", (_, input, message) => {
    expect(() => parseFixedKeys(input)).toThrow(InvalidSigningKeys);
    expect(() => parseFixedKeys(input)).toThrow(message);
  });

  test("rejects one key for both purposes", () => {
    const pem = rsa().export({ format: "pem", type: "pkcs8" });
    expect(() => parseFixedKeys({ IdToken: pem, AccessToken: pem })).toThrow("AccessToken: must be a different key");
  });

  test("a rejected fixture leaves the pool's keys as they were", async () => {
    const { tokens } = tokenTestbed();
    const before = await tokens.jwks(POOL_ID);
    await expect(tokens.setFixedKeys(POOL_ID, { IdToken: "x" })).rejects.toThrow(InvalidSigningKeys);
    expect(await tokens.jwks(POOL_ID)).toEqual(before);
    expect(createPrivateKey(tokens.keys.current(POOL_ID)!.record.IdToken.PrivateKey).asymmetricKeyType).toBe("rsa");
  });
});
