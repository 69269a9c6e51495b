// `npm run mock` started as a real Coder is started behind a proxy: the trusted-proxy flags.
import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
});

/** Starts the standalone mock on a free port; resolves with its base URL, or its exit. */
function startMock(
  args: string[],
): Promise<{ base: string } | { exitCode: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["mock/standalone.ts", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  return new Promise((resolve) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (base) resolve({ base });
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("exit", (exitCode) => resolve({ exitCode, stderr }));
  });
}

describe("npm run mock -- --proxy-trusted-headers … --proxy-trusted-origins …", () => {
  it("takes the flags as Coder's settings (lists comma-separated or repeated)", async () => {
    const started = await startMock([
      "--proxy-trusted-headers",
      "X-Forwarded-For",
      "--proxy-trusted-origins",
      "127.0.0.1/32,::1/128",
      "--proxy-trusted-origins=10.0.0.0/8",
    ]);
    if (!("base" in started)) throw new Error(`mock exited: ${started.stderr}`);
    const config = await (await fetch(`${started.base}/__mock/config`)).json();
    expect(config).toMatchObject({
      proxyTrustedHeaders: ["X-Forwarded-For"],
      proxyTrustedOrigins: ["127.0.0.1/32", "::1/128", "10.0.0.0/8"],
    });
    // The test's own connection comes from 127.0.0.1, a trusted proxy: each forwarded client
    // has its own sign-in bucket.
    const signIn = (client: string) =>
      fetch(`${started.base}/api/v2/users/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": client },
        body: JSON.stringify({ email: "admin@coder.com", password: "wrong" }),
      });
    const first = await signIn("203.0.113.10");
    const other = await signIn("203.0.113.20");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("59");
    expect(other.headers.get("x-ratelimit-remaining")).toBe("59");
  }, 30_000);

  it("refuses an origin that is not a CIDR, with Coder's message", async () => {
    const started = await startMock(["--proxy-trusted-origins", "127.0.0.1"]);
    expect(started).toEqual({
      exitCode: 2,
      stderr: 'parse proxy origin "127.0.0.1": invalid CIDR address: 127.0.0.1\n',
    });
  }, 30_000);
});
