import { withoutTrailingSlashes } from "./issuer-keys";

describe("issuer URLs", () => {
  it("lose their trailing slashes as /\\/+$/ would remove them", () => {
    for (const url of ["", "/", "///", "https://idp.example", "https://idp.example/", "https://idp.example//", "https://idp.example/a/b//", "a/b"]) {
      expect(withoutTrailingSlashes(url)).toBe(url.replace(/\/+$/, ""));
    }
  });

  it("in linear time, whatever the token's issuer claim holds", () => {
    const hostile = `https://${"/".repeat(50_000)}x`;
    const started = performance.now();
    expect(withoutTrailingSlashes(hostile)).toBe(hostile);
    expect(withoutTrailingSlashes(`${hostile}${"/".repeat(50_000)}`)).toBe(hostile);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
