// The front-door suite: the production build behind the deployed configs (deploy/nginx, and
// deploy/caddy when Caddy is installed) with `npm run mock` as the Coder upstream, driven like a
// real browser on a real deployment. e2e/front-door/serve.ts starts all three.
//   npx playwright test -c playwright.front-door.config.ts --workers=1
// Ports: FRONT_DOOR_PORT (default E2E_PORT + 1, else 4174) for nginx, +1 for Caddy, +2 for the mock.
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
/** What only a front door that adds the seam script to Coder's pages can do (not Caddy). */
const SEAM_SCRIPT_SPECS = /seam-script\.spec\.ts$/;
const withCaddy = installed("caddy");

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
      testIgnore: TLS_SPECS,
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
            testIgnore: [TLS_SPECS, SEAM_SCRIPT_SPECS],
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
      testMatch: TLS_SPECS,
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
            testMatch: TLS_SPECS,
            use: {
              ...devices["Desktop Chrome"],
              baseURL: `https://localhost:${CADDY_TLS_PORT}`,
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
      "node e2e/front-door/serve.ts",
      `--mock ${MOCK_PORT} --nginx ${NGINX_PORT} --nginx-tls ${NGINX_TLS_PORT}`,
      withCaddy ? `--caddy ${CADDY_PORT} --caddy-tls ${CADDY_TLS_PORT}` : "",
    ].join(" "),
    url: `http://localhost:${NGINX_PORT}/login`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
