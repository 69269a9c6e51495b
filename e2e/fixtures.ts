// Shared Playwright fixtures: a server and mock deployment per worker (reset before each test),
// a guard that fails the test on any page error or unexpected console error, and small helpers
// every spec uses.
import { test as base, expect, type Page } from "@playwright/test";
import axe from "axe-core";
import { startServer } from "../server/serve-dist.ts";

export const PASSWORD = "SomeSecurePassword!";
export const accounts = {
  admin: "admin@coder.com",
  member: "member@coder.com",
  suspended: "suspended@coder.com",
  auditor: "auditor@coder.com",
  userAdmin: "user-admin@coder.com",
  templateAdmin: "template-admin@coder.com",
  github: "github@coder.com",
  oidc: "oidc@coder.com",
} as const;

/** Browser lines reporting an HTTP error status the test provoked on purpose; not app errors. */
const EXPECTED_CONSOLE = [/^Failed to load resource/];

interface Fixtures {
  /** Console errors and uncaught exceptions collected during the test. */
  pageErrors: string[];
  mock: MockControl;
}

export interface MockControl {
  reset(): Promise<void>;
  mail(): Promise<
    Array<{ to: string; subject: string; otp: string; link: string; sent_at: string }>
  >;
  advanceClock(ms: number): Promise<void>;
  setConfig(config: Record<string, unknown>): Promise<void>;
}

export interface WorkerOptions {
  /**
   * The project's `baseURL` is a deployment started outside the tests (the front-door suite:
   * nginx and Caddy in front of `npm run mock`), so no worker starts its own.
   */
  externalDeployment: boolean;
}

interface WorkerFixtures extends WorkerOptions {
  /** The production build served as in preview, with this worker's own mock Coder. */
  deployment: { url: string } | undefined;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  externalDeployment: [false, { option: true, scope: "worker" }],
  deployment: [
    async ({ externalDeployment }, use) => {
      if (externalDeployment) return use(undefined);
      const server = await startServer({ port: 0 });
      await use({ url: server.url });
      await server.close();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ baseURL, deployment }, use) => use(deployment?.url ?? baseURL),
  mock: [
    async ({ request }, use) => {
      const control: MockControl = {
        async reset() {
          expect((await request.post("/__mock/reset")).status()).toBe(204);
        },
        async mail() {
          const response = await request.get("/__mock/mail");
          expect(response.ok()).toBe(true);
          return response.json();
        },
        async advanceClock(ms) {
          expect((await request.post("/__mock/clock", { data: { advance_ms: ms } })).ok()).toBe(
            true,
          );
        },
        async setConfig(config) {
          expect((await request.put("/__mock/config", { data: config })).ok()).toBe(true);
        },
      };
      await control.reset();
      await use(control);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const text = message.text();
        if (!EXPECTED_CONSOLE.some((pattern) => pattern.test(text)))
          errors.push(`console: ${text}`);
      });
      await use(errors);
      expect(errors, "no page errors or console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Coder's dashboard (the mock's stand-in for it, a single-page app like Coder's), where signing
 * in leads by default: Coder's `/`, which moves on to /workspaces in the page.
 */
export async function expectDashboard(page: Page) {
  // A full page load, then the dashboard's own requests and its move: more than one step's time.
  await expect(page).toHaveURL(/\/workspaces$/, { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Workspaces" })).toBeVisible();
  // "Workspaces - <the deployment's name>", as Coder titles its pages.
  await expect(page).toHaveTitle(/^Workspaces - /);
}

/**
 * Headings of the mock's stand-ins for Coder's own pages: on screen, one of Coder's in-page moves
 * to our routes was not turned into a page load (the seam failed).
 */
export const CODER_OWN_PAGES = /^Coder's own /;

/** Signs in with the very steps of Coder's own e2e helper (site/e2e/helpers.ts, `login`). */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign In" }).click();
  await expectDashboard(page);
}

/**
 * Until the app renders over it, a prerendered page is the static HTML (src/app/static-handoff.ts
 * removes the static root when it takes over): wait for that before asserting what the app shows.
 */
export async function waitForApp(page: Page) {
  await expect(page.locator("#app")).toBeVisible();
  await expect(page.locator("#root")).toHaveCount(0);
}

/**
 * Adds up every layout shift not caused by input from the first byte on (what CLS counts);
 * call before the page loads. Returns a reader of the sum so far.
 */
export async function watchLayoutShifts(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean }
      >) {
        if (!entry.hadRecentInput) w.__cls += entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  return () => page.evaluate(() => (window as unknown as { __cls: number }).__cls);
}

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * axe with the WCAG 2.x A/AA rules and best practices, in every frame; fails on any violation.
 * axe-core runs straight in the page, injected once per document: @axe-core/playwright injects
 * its 500 KB source again on every call and opens a second page to finish each run, about 1 s a
 * call on a 2-core machine against 0.05-0.15 s for the run itself.
 */
export async function expectNoAxeViolations(page: Page) {
  const violations: string[] = [];
  for (const frame of page.frames()) {
    if (!(await frame.evaluate(() => "axe" in window))) await frame.evaluate(axe.source);
    const found = await frame.evaluate(async (tags) => {
      const { axe } = window as unknown as { axe: typeof import("axe-core") };
      const results = await axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
        // Each frame is checked on its own, above.
        iframes: false,
      });
      return results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
    }, AXE_TAGS);
    violations.push(...found);
  }
  expect(violations).toEqual([]);
}
