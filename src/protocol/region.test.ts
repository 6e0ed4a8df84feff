import { accessKeyFromAuthorization, regionFromAuthorization } from "./region";

describe("SigV4 Authorization header", () => {
  const header = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/eu-west-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";

  it("names the region and the access key id", () => {
    expect(regionFromAuthorization(header)).toBe("eu-west-1");
    expect(accessKeyFromAuthorization(header)).toBe("AKIDEXAMPLE");
    expect(regionFromAuthorization("Bearer x")).toBeUndefined();
    expect(accessKeyFromAuthorization(undefined)).toBeUndefined();
  });

  it("reads headers as the credential expressions do", () => {
    const region = (text: string) => /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\//.exec(text)?.[1];
    const key = (text: string) => /Credential=([^/,\s]+)\//.exec(text)?.[1];
    const tokens = ["Credential=", "AK", "/", "20240101", "us-east-1", ",", " ", "\u00a0", "Credential=Credential=", "x/"];
    let level = [""];
    const differing: string[] = [];
    for (let length = 1; length <= 5; length++) {
      const next: string[] = [];
      for (const prefix of level) {
        for (const token of tokens) {
          const text = prefix + token;
          next.push(text);
          if (regionFromAuthorization(text) !== region(text) || accessKeyFromAuthorization(text) !== key(text)) differing.push(text);
        }
      }
      level = next;
    }
    expect(differing.slice(0, 5)).toEqual([]);
    expect(regionFromAuthorization("Credential=AK/20240101/us-east-1/")).toBe("us-east-1");
  });

  it("reads the largest header node accepts in linear time", () => {
    const size = 16 * 1024;
    const slow: string[] = [];
    for (const unit of ["Credential=", "Credential=a", "Credential=a/", "Credential=a/20240101/", "Credential=a/20240101/us"]) {
      const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
      const started = performance.now();
      regionFromAuthorization(text);
      accessKeyFromAuthorization(text);
      const ms = performance.now() - started;
      if (ms > 20) slow.push(`${unit}: ${ms.toFixed(1)} ms`);
    }
    expect(slow).toEqual([]);
  });
});
