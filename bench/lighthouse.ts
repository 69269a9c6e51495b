// One Lighthouse run (navigation, default simulated throttling) and the figures the bench keeps.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { chromePath } from "./browser.ts";

export type Profile = "mobile" | "desktop";

export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Transfer sizes as this server sent them (headers included). */
  jsBytes: number;
  cssBytes: number;
  requests: number;
  consoleErrors: string[];
  /** The element Lighthouse took for the largest paint (its selector), to know what LCP waits on. */
  lcpElement: string;
}

export async function launchChrome(port?: number) {
  return chromeLauncher.launch({
    chromePath: chromePath(),
    ...(port ? { port } : {}),
    // The bench handles Ctrl-C itself (and cleans up); chrome-launcher's handler would exit first.
    handleSIGINT: false,
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

async function audit(url: string, profile: Profile, port: number): Promise<LighthouseFigures> {
  const result = await lighthouse(
    url,
    {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices"],
    },
    profile === "desktop" ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  type Item = { resourceType?: string; transferSize?: number; url?: string };
  const requests =
    (lhr.audits["network-requests"]?.details as { items?: Item[] } | undefined)?.items ?? [];
  const bytes = (type: string) =>
    requests
      .filter((r) => r.resourceType === type)
      .reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
  const consoleItems =
    (
      lhr.audits["errors-in-console"]?.details as
        | { items?: Array<{ description?: string }> }
        | undefined
    )?.items ?? [];
  // Lighthouse 13 names the element in its LCP breakdown insight, among the details' items.
  type DetailItem = { type?: string; selector?: string; nodeLabel?: string };
  const lcpNode = (
    lhr.audits["lcp-breakdown-insight"]?.details as { items?: DetailItem[] } | undefined
  )?.items?.find((item) => item.type === "node");
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    fcpMs: metric("first-contentful-paint"),
    lcpMs: metric("largest-contentful-paint"),
    tbtMs: metric("total-blocking-time"),
    cls: metric("cumulative-layout-shift"),
    jsBytes: bytes("Script"),
    cssBytes: bytes("Stylesheet"),
    requests: requests.length,
    consoleErrors: consoleItems.map((i) => i.description ?? "?"),
    lcpElement: lcpNode ? `${lcpNode.selector} ("${lcpNode.nodeLabel}")` : "?",
  };
}

/** Lighthouse sometimes loses a trace (NO_NAVSTART, NO_FCP); such a run is retried, not counted. */
export async function lighthouseRun(
  url: string,
  profile: Profile,
  port: number,
  reset: () => void,
): Promise<LighthouseFigures> {
  for (let attempt = 1; ; attempt++) {
    reset();
    try {
      return await audit(url, profile, port);
    } catch (error) {
      if (attempt >= 3) throw error;
      console.warn(`retrying ${profile} ${url}: ${(error as Error).message}`);
    }
  }
}
