// The front-door suite: the production build behind the deployed configs (deploy/nginx, and
// deploy/caddy when Caddy is installed) with `npm run mock` as the Coder upstream, driven like a
// real browser on a real deployment. e2e/front-door/serve.ts starts all three.
//   npx playwright test -c playwright.front-door.config.ts --workers=1
// Ports: FRONT_DOOR_PORT (default E2E_PORT + 1, else 4174) for nginx, +1 for Caddy, +2 for the mock.
import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";
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
const withCaddy = installed("caddy");

export default defineConfig({
  ...base,
  testDir: "e2e/front-door",
  testIgnore: [],
  projects: [
    {
      name: "nginx",
      use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${NGINX_PORT}` },
    },
    ...(withCaddy
      ? [
          {
            name: "caddy",
            use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${CADDY_PORT}` },
          },
        ]
      : []),
  ],
  use: { ...base.use, baseURL: `http://localhost:${NGINX_PORT}` },
  webServer: {
    command: [
      "npm run build &&",
      "node e2e/front-door/serve.ts",
      `--mock ${MOCK_PORT} --nginx ${NGINX_PORT}`,
      withCaddy ? `--caddy ${CADDY_PORT}` : "",
    ].join(" "),
    url: `http://localhost:${NGINX_PORT}/login`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
