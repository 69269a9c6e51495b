// What the front door's image adds to the nginx template (image project only): its health check,
// a log without passcodes, a non-root user on a read-only root, refusals of bad settings, HTTPS
// from mounted files, and labels. The image is the one `npm run image:build` makes, run by
// serve.ts as an operator would (podman run --read-only --tmpfs /tmp …).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "../fixtures.ts";

const root = join(import.meta.dirname, "..", "..");
const IMAGE = process.env.IMAGE ?? "localhost/coder-auth-ui:latest";

function podman(...args: string[]) {
  return spawnSync("bash", [join(root, "scripts", "podman.sh"), ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });
}

/** The container serve.ts started for this project (named after its port). */
function containerOf(baseURL: string | undefined) {
  return `coder-auth-ui-front-door-${new URL(baseURL ?? "").port}`;
}

test("the container reports healthy, runs as uid 10001 and cannot write its root filesystem", async ({
  baseURL,
}) => {
  const name = containerOf(baseURL);
  const health = podman("healthcheck", "run", name);
  expect(health.status, health.stderr + health.stdout).toBe(0);
  const inside = podman(
    "exec",
    name,
    "sh",
    "-c",
    "id -u; touch /etc/coder-auth-ui/x 2>&1 || echo refused",
  );
  expect(inside.stdout).toMatch(/^10001\n(.|\n)*refused\n$/);
});

test("a reset link's passcode never reaches the container's log", async ({ page, baseURL }) => {
  const passcode = "73914528";
  await page.goto(`/reset-password/change?otp=${passcode}&email=admin%40coder.test`);
  await page.goto(`/login?redirect=%2Fworkspaces%3Fsecret%3D${passcode}`);
  // nginx writes each line when the request ends; the pages above have ended.
  await expect
    .poll(() => podman("logs", containerOf(baseURL)).stdout)
    .toContain('"GET /reset-password/change');
  const log = podman("logs", containerOf(baseURL));
  expect(log.stdout + log.stderr).not.toContain(passcode);
});

test("the image refuses missing or unsafe settings before nginx starts", async () => {
  const run = (...env: string[]) =>
    podman(
      "run",
      "--rm",
      "--network=none",
      "--read-only",
      "--tmpfs=/tmp",
      ...env.map((e) => `--env=${e}`),
      IMAGE,
    );
  const missing = run("CODER_HOST=coder.example.com");
  expect(missing.status).toBe(64);
  expect(missing.stderr).toContain("set CODER_UPSTREAM to Coder's address");
  const injected = run(
    "CODER_UPSTREAM=http://coder:80",
    "CODER_HOST=coder.example.com; return 200 x",
  );
  expect(injected.status).toBe(64);
  expect(injected.stderr).toContain("CODER_HOST must be a host name");
  const half = run(
    "CODER_UPSTREAM=http://coder:80",
    "CODER_HOST=coder.example.com",
    "TLS_CERT_FILE=/x.pem",
  );
  expect(half.status).toBe(64);
  expect(half.stderr).toContain("set both TLS_CERT_FILE and TLS_KEY_FILE");
});

test("with a mounted certificate and key it serves HTTPS with HSTS, and reports healthy", async () => {
  const { mockPort, tlsPort } = test.info().project.metadata as {
    mockPort: number;
    tlsPort: number;
  };
  const certs = await mkdtemp(join(tmpdir(), "coder-auth-ui-image-tls-"));
  const name = `coder-auth-ui-front-door-tls-${tlsPort}`;
  try {
    // A throwaway certificate for localhost, readable by the container's user.
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost",
        "-keyout",
        join(certs, "tls.key"),
        "-out",
        join(certs, "tls.crt"),
      ],
      { stdio: "ignore" },
    );
    // mkdtemp makes the folder 0700: the container's user must be able to enter it.
    execFileSync("chmod", ["0755", certs]);
    execFileSync("chmod", ["0644", join(certs, "tls.key")]);
    podman("rm", "--force", "--ignore", name);
    const started = podman(
      "run",
      "--detach",
      `--name=${name}`,
      "--network=host",
      "--read-only",
      "--tmpfs=/tmp",
      "--cap-drop=ALL",
      `--volume=${certs}:/etc/coder-auth-ui/tls:ro`,
      `--env=LISTEN_PORT=${tlsPort}`,
      `--env=CODER_UPSTREAM=http://127.0.0.1:${mockPort}`,
      "--env=CODER_HOST=localhost",
      "--env=TLS_CERT_FILE=/etc/coder-auth-ui/tls/tls.crt",
      "--env=TLS_KEY_FILE=/etc/coder-auth-ui/tls/tls.key",
      IMAGE,
    );
    expect(started.status, started.stderr).toBe(0);
    const https = await playwrightRequest.newContext({
      baseURL: `https://localhost:${tlsPort}`,
      ignoreHTTPSErrors: true,
    });
    // Up when the health endpoint answers; a container that stopped says why in its log.
    await expect
      .poll(
        async () => {
          const state = podman("inspect", name, "--format", "{{.State.Running}}").stdout.trim();
          if (state !== "true") return `stopped: ${podman("logs", name).stderr}`;
          return (await https.get("/auth-ui/health").catch(() => null))?.status();
        },
        { timeout: 60_000 },
      )
      .toBe(200);
    const login = await https.get("/login");
    expect(login.status()).toBe(200);
    expect(login.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(await login.text()).toContain("Sign in");
    await https.dispose();
    const health = podman("healthcheck", "run", name);
    expect(health.status, health.stderr + health.stdout).toBe(0);
  } finally {
    podman("rm", "--force", "--ignore", name);
    await rm(certs, { recursive: true, force: true });
  }
});

test("the image is labelled with this version and runs as a numeric non-root user", async () => {
  const inspected = podman("image", "inspect", IMAGE, "--format", "json");
  const [image] = JSON.parse(inspected.stdout) as {
    Config: { User: string; Labels: Record<string, string> };
    Healthcheck?: { Test: string[] };
  }[];
  const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    version: string;
  };
  expect(image?.Config.Labels["org.opencontainers.image.version"]).toBe(version);
  expect(image?.Config.Labels["org.opencontainers.image.source"]).toEqual(expect.any(String));
  expect(image?.Config.User).toBe("10001:10001");
  expect(image?.Healthcheck?.Test).toEqual(["CMD", "/etc/coder-auth-ui/healthcheck.sh"]);
});
