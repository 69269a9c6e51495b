// Coder's trusted-proxy handling (--proxy-trusted-headers, --proxy-trusted-origins): which
// address the per-client limits count, in front of a proxy and without one.
import { describe, expect, it } from "vitest";
import { realClientIp } from "./realip.ts";
import { call, newMock } from "./test-helpers.ts";

const LOGIN = "/api/v2/users/login";
const WRONG = { email: "admin@coder.com", password: "wrong" };
const PROXY = "127.0.0.1";

async function failSignIns(mock: ReturnType<typeof newMock>, client: string, times: number) {
  let last = 0;
  for (let i = 0; i < times; i++) {
    last = (
      await call(mock, "POST", LOGIN, {
        json: WRONG,
        clientIp: PROXY,
        headers: { "x-forwarded-for": client },
      })
    ).status;
  }
  return last;
}

describe("sign-in attempts behind a proxy", () => {
  it("with the proxy trusted, one client's 60 failures leave another client alone", async () => {
    const mock = newMock({
      config: { proxyTrustedHeaders: ["X-Forwarded-For"], proxyTrustedOrigins: ["127.0.0.1/32"] },
    });
    expect(await failSignIns(mock, "203.0.113.10", 60)).toBe(401);
    expect(await failSignIns(mock, "203.0.113.10", 1)).toBe(429);
    expect(await failSignIns(mock, "203.0.113.20", 1)).toBe(401);
  });

  it("without trust (Coder's default), every client behind the proxy shares its bucket", async () => {
    const mock = newMock();
    expect(mock.config.proxyTrustedHeaders).toEqual([]);
    expect(mock.config.proxyTrustedOrigins).toEqual([]);
    expect(await failSignIns(mock, "203.0.113.10", 60)).toBe(401);
    expect(await failSignIns(mock, "203.0.113.20", 1)).toBe(429);
  });

  it("ignores the header from a peer outside the trusted networks", async () => {
    const mock = newMock({
      config: { proxyTrustedHeaders: ["X-Forwarded-For"], proxyTrustedOrigins: ["10.0.0.0/8"] },
    });
    expect(await failSignIns(mock, "203.0.113.10", 60)).toBe(401);
    expect(await failSignIns(mock, "203.0.113.20", 1)).toBe(429);
  });

  it("takes the settings at run time through /__mock/config, and resets them", async () => {
    const mock = newMock();
    const put = await call(mock, "PUT", "/__mock/config", {
      json: { proxy_trusted_headers: ["X-Forwarded-For"], proxyTrustedOrigins: ["127.0.0.0/8"] },
    });
    expect(put.status).toBe(200);
    expect(put.json()).toMatchObject({
      proxyTrustedHeaders: ["X-Forwarded-For"],
      proxyTrustedOrigins: ["127.0.0.0/8"],
    });
    expect(await failSignIns(mock, "203.0.113.10", 61)).toBe(429);
    expect(await failSignIns(mock, "203.0.113.20", 1)).toBe(401);

    const bad = await call(mock, "PUT", "/__mock/config", {
      json: { proxyTrustedOrigins: ["127.0.0.1"] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({
      message: 'parse proxy origin "127.0.0.1": invalid CIDR address: 127.0.0.1',
    });
    const notList = await call(mock, "PUT", "/__mock/config", {
      json: { proxyTrustedHeaders: "X-Forwarded-For" },
    });
    expect(notList.status).toBe(400);
  });
});

describe("realClientIp (httpmw.ExtractRealIPAddress)", () => {
  const trust = { headers: ["X-Forwarded-For", "X-Real-IP"], origins: ["127.0.0.1/32", "::1/128"] };
  const ip = (peer: string, headers: Record<string, string>) =>
    realClientIp(trust, peer, new Headers(headers));

  it("takes the rightmost address that is not a trusted proxy (a client cannot prepend one)", () => {
    expect(ip(PROXY, { "x-forwarded-for": "198.51.100.1, 203.0.113.5" })).toBe("203.0.113.5");
    expect(ip(PROXY, { "x-forwarded-for": "203.0.113.5, 127.0.0.1" })).toBe("203.0.113.5");
    // Every hop trusted: the leftmost.
    expect(ip(PROXY, { "x-forwarded-for": "127.0.0.1, 127.0.0.1" })).toBe("127.0.0.1");
  });

  it("drops ports, reads IPv6 peers, and tries the next header when one holds no address", () => {
    expect(ip("::1", { "x-forwarded-for": "203.0.113.5:4711" })).toBe("203.0.113.5");
    expect(ip("::ffff:127.0.0.1", { "x-forwarded-for": "[2001:db8::1]:80" })).toBe("2001:db8::1");
    expect(ip(PROXY, { "x-forwarded-for": "garbage", "x-real-ip": "203.0.113.9" })).toBe(
      "203.0.113.9",
    );
    expect(ip(PROXY, { "x-forwarded-for": "garbage" })).toBe(PROXY);
    expect(ip(PROXY, {})).toBe(PROXY);
  });

  it("keeps the peer when it is not trusted", () => {
    expect(ip("192.0.2.8", { "x-forwarded-for": "203.0.113.5" })).toBe("192.0.2.8");
  });
});
