import { hostName, isLoopbackAddress, isOwnOrigin, isTrustedHost, pathKind } from "./guard";

describe("control guard", () => {
  it("sorts paths as express routes them", () => {
    for (const path of ["/_emu", "/_emu/", "/_emu/state", "/_EMU/State/", "/_emu/ui/", "/_emu/ui/api/overview", "/_emu/tokens", "/_emu/idpx"]) expect([path, pathKind(path)]).toEqual([path, "control"]);
    for (const path of ["/health", "/HEALTH/"]) expect(pathKind(path)).toBe("health");
    // The landing page is the emulator's own; the AWS APIs share its path.
    expect([pathKind("/", "GET"), pathKind("/", "HEAD")]).toEqual(["control", "control"]);
    expect([pathKind("/", "POST"), pathKind("/", "OPTIONS"), pathKind("/login", "GET")]).toEqual(["aws", "aws", "aws"]);
    for (const path of ["/", "/oauth2/token", "/login", "/_emu/idp", "/_emu/idp/callback", "/_emu/import/import-1", "/us-east-1_x/.well-known/jwks.json", "/_emux", "//_emu/state"]) {
      expect([path, pathKind(path)]).toEqual([path, "aws"]);
    }
  });

  it("reads Host names without port, brackets, case or final dot", () => {
    expect(hostName("LocalHost:9229")).toBe("localhost");
    expect(hostName("[::1]:9229")).toBe("::1");
    expect(hostName("::1")).toBe("::1");
    expect(hostName("cognito.")).toBe("cognito");
    expect(hostName("emu.test")).toBe("emu.test");
  });

  it("trusts names no web page can rebind, and the allowed ones", () => {
    const allowed = new Set(["emu.test"]);
    for (const name of ["localhost", "a.localhost", "127.0.0.1", "192.168.1.9", "::1", "fd00::1", "cognito", "cognito_emu", "emu.test"]) expect([name, isTrustedHost(name, allowed)]).toEqual([name, true]);
    for (const name of ["attacker.example", "localhost.attacker.example", "127.0.0.1.nip.io", "a.emu.test", "emu.test.evil", "a b", ""]) expect([name, isTrustedHost(name, allowed)]).toEqual([name, false]);
  });

  it("knows its own origin from the Host header", () => {
    expect(isOwnOrigin("http://localhost:9229", "localhost:9229")).toBe(true);
    expect(isOwnOrigin("http://localhost", "localhost:80")).toBe(true);
    expect(isOwnOrigin("https://emu.test", "emu.test")).toBe(true);
    expect(isOwnOrigin("http://[::1]:9229", "[::1]:9229")).toBe(true);
    expect(isOwnOrigin("http://localhost:3000", "localhost:9229")).toBe(false);
    expect(isOwnOrigin("http://127.0.0.1:9229", "localhost:9229")).toBe(false);
    expect(isOwnOrigin("null", "localhost:9229")).toBe(false);
    expect(isOwnOrigin("file://", "localhost:9229")).toBe(false);
    expect(isOwnOrigin("http://localhost:9229", undefined)).toBe(false);
  });

  it("tells loopback bindings from exposed ones", () => {
    for (const address of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect([address, isLoopbackAddress(address)]).toEqual([address, true]);
    for (const address of ["0.0.0.0", "::", "192.168.1.9", "fd00::1"]) expect([address, isLoopbackAddress(address)]).toEqual([address, false]);
  });
});
