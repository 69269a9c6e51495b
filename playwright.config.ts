import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { defineConfig, devices } from "@playwright/test";

/**
 * The browser: CHROMIUM_PATH, else Debian's old headless shell (no browser UI to run, so a test
 * costs about half the CPU of full Chromium in headless mode, which counts on a 2-core machine),
 * else Debian's Chromium, else Playwright's own download.
 */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((path) => existsSync(path));
}

export default defineConfig({
  testDir: "e2e",
  // The front-door suite has its own config (playwright.front-door.config.ts).
  testIgnore: ["front-door/**"],
  // Each worker serves the build with a mock deployment of its own (e2e/fixtures.ts), so tests run
  // in parallel; within a test the mock is reset first.
  // One more worker than cores, at least three, CI or not: the suite is CPU-bound (Chromium and
  // the servers), and on 2 cores a third worker fills the gaps while the others wait on the
  // network and the browser (measured: 4 min 53 s with two, 4 min 21 s with three, 6 min 32 s
  // with four, where the CPU is saturated and every test slows down).
  workers: Number(process.env.E2E_WORKERS) || Math.max(3, cpus().length + 1),
  fullyParallel: true,
  globalSetup: "./e2e/global-setup.ts",
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Signing in ends on Coder's dashboard with full page loads; a test signing in three times
  // on a busy 2-core machine needs more than 30 s.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    // Recording a trace costs about a third of the suite's time on a 2-core machine, so only on
    // request: E2E_TRACE=1 keeps the trace of each failed test (npx playwright show-trace).
    trace: process.env.E2E_TRACE ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});
