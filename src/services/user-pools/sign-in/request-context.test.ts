import type { ClientRecord } from "../directory/records";
import { adminRequestContext, inRanges, readEncodedData, userRequestContext } from "./request-context";

const client = (propagate: boolean) => ({ ClientId: "c", UserPoolId: "p", ClientName: "c", EnablePropagateAdditionalUserContextData: propagate }) as unknown as ClientRecord;
const headers = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };

describe("request context", () => {
  it("takes UserContextData.IpAddress only from clients that propagate it, else the request's source", () => {
    const data = { IpAddress: "203.0.113.9" };
    expect(userRequestContext(client(true), "::ffff:127.0.0.1", headers, data).ipAddress).toBe("203.0.113.9");
    expect(userRequestContext(client(false), "::ffff:127.0.0.1", headers, data).ipAddress).toBe("127.0.0.1");
    // An address that is not one is left out; the source stands in.
    expect(userRequestContext(client(true), "127.0.0.1", headers, { IpAddress: "not-an-ip" }).ipAddress).toBe("127.0.0.1");
  });

  it("reads the admin ContextData: the user's address and User-Agent", () => {
    const context = adminRequestContext("127.0.0.1", {}, {
      IpAddress: "2001:0db8:0000::0001",
      ServerName: "app.example.com",
      ServerPath: "/login",
      HttpHeaders: [{ headerName: "User-Agent", headerValue: "Chrome/126" }],
    });
    expect(context).toEqual({ ipAddress: "2001:db8::1", device: "ua:Chrome/126", event: { IpAddress: "2001:db8::1", DeviceName: "Chrome/126" } });
    expect(adminRequestContext("10.1.2.3", headers, undefined).ipAddress).toBe("10.1.2.3");
  });

  it("reads a JSON fingerprint, plain or base64, and ignores what it cannot read", () => {
    const json = JSON.stringify({ DeviceId: "laptop-7", DeviceName: "Firefox 128, Linux", Timezone: "+02:00", City: "Lyon", Country: "France", Other: 1 });
    const expected = { DeviceId: "id:laptop-7", DeviceName: "Firefox 128, Linux", Timezone: "+02:00", City: "Lyon", Country: "France" };
    expect(readEncodedData(json)).toEqual(expected);
    expect(readEncodedData(Buffer.from(json).toString("base64"))).toEqual(expected);
    expect(readEncodedData("eyJhbGciOi.opaque.encrypted")).toEqual({});
    expect(readEncodedData("[1,2]")).toEqual({});
    const context = userRequestContext(client(false), "127.0.0.1", headers, { EncodedData: json });
    expect(context.device).toBe("id:laptop-7");
    expect(context.event).toEqual({ IpAddress: "127.0.0.1", DeviceName: "Firefox 128, Linux", Timezone: "+02:00", City: "Lyon", Country: "France" });
  });

  it("matches IPv4 and IPv6 addresses against CIDR ranges of their own family", () => {
    expect(inRanges("192.0.2.77", ["192.0.2.0/24"])).toBe(true);
    expect(inRanges("192.0.3.1", ["192.0.2.0/24"])).toBe(false);
    expect(inRanges("2001:db8:1::5", ["2001:db8::/32"])).toBe(true);
    expect(inRanges("2001:db9::5", ["2001:db8::/32"])).toBe(false);
    expect(inRanges("192.0.2.77", ["2001:db8::/32", "0.0.0.0/0"])).toBe(true);
    expect(inRanges("192.0.2.77", ["::/0"])).toBe(false);
    expect(inRanges(undefined, ["0.0.0.0/0"])).toBe(false);
  });
});
