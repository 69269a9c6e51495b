// Who the client is, as Coder sees it behind the front door: each front door tells Coder the
// address it saw (overwriting what the client claims), and Coder, started as the README says
// (--proxy-trusted-headers X-Forwarded-For --proxy-trusted-origins 127.0.0.1/32: serve.ts starts
// the mock so), counts each client on its own. Two clients here are two loopback addresses.
import { request as httpRequest } from "node:http";
import { accounts, expect, test } from "../fixtures.ts";

/** A sign-in POST from `from` (a loopback address), as a browser without a session sends it. */
function signInFrom(baseURL: string, from: string, password: string, claim?: string) {
  const url = new URL(baseURL);
  const body = JSON.stringify({ email: accounts.member, password });
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: url.port,
        localAddress: from,
        method: "POST",
        path: "/api/v2/users/login",
        headers: {
          host: url.host,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...(claim ? { "x-forwarded-for": claim, "x-real-ip": claim } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("one client's failed sign-ins do not lock another out, whatever it claims", async ({
  baseURL,
}) => {
  const base = baseURL ?? "";
  const statuses: number[] = [];
  // Coder allows 60 sign-ins a minute from one address; this client claims to be another.
  for (let i = 0; i < 61; i++)
    statuses.push(await signInFrom(base, "127.0.0.2", "wrong", "127.0.0.3"));
  expect(statuses.slice(0, 60).every((status) => status === 401)).toBe(true);
  expect(statuses[60]).toBe(429);
  // Another client, the one the first claimed to be, signs in at once.
  expect(await signInFrom(base, "127.0.0.3", "SomeSecurePassword!")).toBe(201);
  // The first is still held back: its claim changed nothing.
  expect(await signInFrom(base, "127.0.0.2", "SomeSecurePassword!", "127.0.0.4")).toBe(429);
});
