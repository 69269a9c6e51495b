// The front-door suite: the production build behind the deployed configs (deploy/nginx, and
// deploy/caddy when Caddy is installed) with `npm run mock` as the Coder upstream, driven like a
// real browser on a real deployment. e2e/front-door/serve.ts starts all three.
//   npx playwright test -c playwright.front-door.config.ts --workers=1
// Ports: FRONT_DOOR_PORT (default E2E_PORT + 1, else 4174) for nginx, +1 for Caddy, +2 for the mock,
// +3 and +4 for nginx and Caddy over HTTPS, +5 for the image, +6 for it over HTTPS, +7 for the
// image spec's own HTTPS container.
import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";
import type { WorkerOptions } from "./e2e/fixtures.ts";
import base from "./playwright.config.ts";

function installed(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const NGINX_PORT = Number(
  process.env.FRONT_DOOR_PORT ?? (process.env.E2E_PORT ? Number(process.env.E2E_PORT) + 1 : 4174),
);
const CADDY_PORT = NGINX_PORT + 1;
const MOCK_PORT = NGINX_PORT + 2;
const NGINX_TLS_PORT = NGINX_PORT + 3;
const CADDY_TLS_PORT = NGINX_PORT + 4;
/** Over HTTPS (a throwaway certificate serve.ts makes): the specs about TLS only. */
const TLS_SPECS = /tls\.spec\.ts$/;
/** The operator's smoke check runs over HTTPS too. */
const HTTPS_SPECS = [TLS_SPECS, /check-deployment\.spec\.ts$/];
/** The image's own checks (its container, log, settings, labels): the image project's alone. */
const IMAGE_SPECS = /image\.spec\.ts$/;
/** What only a front door that adds the seam script to Coder's pages can do (not Caddy). */
const SEAM_SCRIPT_SPECS = /seam-script\.spec\.ts$/;
const withCaddy = installed("caddy");

// The front door's image (Containerfile), run with podman: `npm run image:build` makes it. On a
// machine without podman it is skipped, and says so; in CI it must run (.ci/run installs podman).
const IMAGE_PORT = NGINX_PORT + 5;
const withImage = installed("podman");
if (!withImage) {
  if (process.env.CI) throw new Error("front-door: podman is missing, and CI must test the image");
  console.warn("front-door: podman is not installed: the image project is skipped");
}

export default defineConfig<object, WorkerOptions>({
  ...base,
  // One mock deployment behind both front doors, reset by each test: one test at a time.
  workers: 1,
  fullyParallel: false,
  // The web server below builds; no second build.
  globalSetup: undefined,
  testDir: "e2e/front-door",
  testIgnore: [],
  projects: [
    {
      name: "nginx",
      testIgnore: [TLS_SPECS, IMAGE_SPECS],
      use: {
        ...devices["Desktop Chrome"],
        baseURL: `http://localhost:${NGINX_PORT}`,
        externalDeployment: true,
      },
    },
    ...(withCaddy
      ? [
          {
            name: "caddy",
            testIgnore: [TLS_SPECS, SEAM_SCRIPT_SPECS, IMAGE_SPECS],
            use: {
              ...devices["Desktop Chrome"],
              baseURL: `http://localhost:${CADDY_PORT}`,
              externalDeployment: true,
            },
          },
        ]
      : []),
    {
      name: "nginx-tls",
      testMatch: HTTPS_SPECS,
      use: {
        ...devices["Desktop Chrome"],
        baseURL: `https://localhost:${NGINX_TLS_PORT}`,
        ignoreHTTPSErrors: true,
        externalDeployment: true,
      },
    },
    ...(withCaddy
      ? [
          {
            name: "caddy-tls",
            testMatch: HTTPS_SPECS,
            use: {
              ...devices["Desktop Chrome"],
              baseURL: `https://localhost:${CADDY_TLS_PORT}`,
              ignoreHTTPSErrors: true,
              externalDeployment: true,
            },
          },
        ]
      : []),
    ...(withImage
      ? [
          {
            name: "image",
            testIgnore: TLS_SPECS,
            // e2e/front-door/image.spec.ts starts an HTTPS container of its own on tlsPort.
            metadata: { mockPort: MOCK_PORT, tlsPort: IMAGE_PORT + 2 },
            use: {
              ...devices["Desktop Chrome"],
              baseURL: `http://localhost:${IMAGE_PORT}`,
              externalDeployment: true,
            },
          },
          {
            name: "image-tls",
            testMatch: HTTPS_SPECS,
            use: {
              ...devices["Desktop Chrome"],
              baseURL: `https://localhost:${IMAGE_PORT + 1}`,
              ignoreHTTPSErrors: true,
              externalDeployment: true,
            },
          },
        ]
      : []),
  ],
  use: { ...base.use, baseURL: `http://localhost:${NGINX_PORT}`, externalDeployment: true },
  webServer: {
    command: [
      process.env.E2E_SKIP_BUILD === "1" ? "" : "npm run build &&",
      process.env.E2E_SKIP_BUILD === "1" || !withImage ? "" : "npm run image:build &&",
      "node e2e/front-door/serve.ts",
      `--mock ${MOCK_PORT} --nginx ${NGINX_PORT} --nginx-tls ${NGINX_TLS_PORT}`,
      withCaddy ? `--caddy ${CADDY_PORT} --caddy-tls ${CADDY_TLS_PORT}` : "",
      withImage ? `--image ${IMAGE_PORT} --image-tls ${IMAGE_PORT + 1}` : "",
    ].join(" "),
    url: `http://localhost:${NGINX_PORT}/login`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    // serve.ts stops its children (the image's container among them) on SIGTERM.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
