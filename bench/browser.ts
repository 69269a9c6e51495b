// The bench's own page loads, in Playwright's Chromium (Debian's): which scripts a page asks for
// before anyone touches it, which a whole sign-in needs, and main-thread CPU from a trace.
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "@playwright/test";
import type { RequestedScript } from "./bytes.ts";
import { analyzeTrace, FIRST_COMMIT_MARK, type TraceEvent, type TraceFigures } from "./trace.ts";

export function chromePath(): string | undefined {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromePath(),
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** A phone-sized window, as Lighthouse's mobile profile (no throttling: CPU is measured as is). */
const MOBILE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true };

async function freshPage(browser: Browser) {
  const context = await browser.newContext(MOBILE);
  const page = await context.newPage();
  const scripts: RequestedScript[] = [];
  const recording: Array<Promise<void>> = [];
  let inFlight = 0;
  let lastActivity = Date.now();
  page.on("request", () => {
    inFlight++;
    lastActivity = Date.now();
  });
  const done = () => {
    inFlight--;
    lastActivity = Date.now();
  };
  page.on("requestfailed", done);
  page.on("requestfinished", (request) => {
    done();
    if (request.resourceType() !== "script") return;
    recording.push(
      (async () => {
        const response = await request.response();
        const sizes = await request.sizes().catch(() => undefined);
        scripts.push({
          url: request.url(),
          encoding: (await response?.headerValue("content-encoding")) ?? "",
          served: sizes?.responseBodySize ?? 0,
        });
      })(),
    );
  });
  /**
   * Waits until nothing was requested or answered for `quietMs` (Playwright's "networkidle" is
   * a load state: it does not wait again after an in-app navigation), then returns the scripts.
   */
  const settle = async (quietMs = 500): Promise<RequestedScript[]> => {
    while (inFlight > 0 || Date.now() - lastActivity < quietMs)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all(recording);
    return [...scripts];
  };
  return { page, settle, close: () => context.close() };
}

/** Resolves once the app has rendered over the prerendered page (or there was none). */
async function appTookOver(page: Page) {
  await page.waitForFunction(() => {
    const app = document.getElementById("app");
    return app !== null && !app.hidden && document.getElementById("root") === null;
  });
}

export interface RouteLoad {
  scripts: RequestedScript[];
  trace: TraceFigures;
  /** The page is not the app's "not found" page and was not sent elsewhere. */
  present: boolean;
  landedOn: string;
}

const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8",
  "v8.execute",
  "blink.user_timing",
  "loading",
  "toplevel",
];

/** React's first commit removes the prerendered page: mark that moment (FIRST_COMMIT_MARK). */
export async function markFirstCommit(page: Page): Promise<void> {
  await page.addInitScript((mark: string) => {
    new MutationObserver((records, observer) => {
      for (const record of records)
        for (const node of record.removedNodes)
          if (node instanceof Element && node.id === "root") {
            performance.mark(mark);
            observer.disconnect();
          }
    }).observe(document, { childList: true, subtree: true });
  }, FIRST_COMMIT_MARK);
}

/**
 * Load `url` untouched: record the scripts it asks for until the network is quiet after the app
 * took over (what a visitor downloads before their first interaction), with a trace.
 */
export async function loadUntouched(browser: Browser, url: string): Promise<RouteLoad> {
  const { page, settle, close } = await freshPage(browser);
  try {
    await markFirstCommit(page);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    let traced: Buffer;
    let scripts: RequestedScript[];
    try {
      await page.goto(url, { waitUntil: "load" });
      await appTookOver(page);
      scripts = await settle();
    } finally {
      traced = await browser.stopTracing();
    }
    const { traceEvents } = JSON.parse(traced.toString("utf8")) as { traceEvents: TraceEvent[] };
    const title = await page.title();
    const landedOn = new URL(page.url()).pathname;
    return {
      scripts,
      trace: analyzeTrace(traceEvents),
      present: !title.startsWith("Page not found") && landedOn === new URL(url).pathname,
      landedOn,
    };
  } finally {
    await close();
  }
}

const SIGN_IN = { email: "member@coder.com", password: "SomeSecurePassword!" };

/**
 * A scripted sign-in as a person does it: open /login, type as soon as the form is there (the
 * static one, before the app took over), submit, and wait to arrive on Coder's dashboard.
 * Returns every script downloaded on the way.
 */
export async function signIn(browser: Browser, baseUrl: string): Promise<RequestedScript[]> {
  const { page, settle, close } = await freshPage(browser);
  try {
    await page.goto(`${baseUrl}/login`, { waitUntil: "commit" });
    await page.getByLabel("Email").fill(SIGN_IN.email);
    await page.getByLabel("Password", { exact: true }).fill(SIGN_IN.password);
    // Enabled once the app runs; Playwright waits for that.
    await page.getByRole("button", { name: "Sign in" }).click();
    // Signing in ends on Coder's dashboard (a full page load, not ours).
    await page.waitForURL((url) => url.pathname !== "/login");
    await page.waitForLoadState("load");
    return await settle();
  } finally {
    await close();
  }
}
