// `npm run bench`: build, serve the build gzip-compressed with the mock API (as a deployment
// would), run Lighthouse on the signed-out pages (mobile and desktop, three runs each, medians),
// time the password rule, print a table, write JSON, and exit non-zero when a budget is missed.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { startServer } from "../server/serve-dist.ts";
import { benchPassword } from "./password.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ROUTES = [
  "/login",
  "/reset-password",
  "/reset-password/change?otp=3f1c2a9e-5b7d-4e2f-9a1b-6c8d0e2f4a6b&email=member%40coder.com",
];
const PROFILES = ["mobile", "desktop"] as const;
type Profile = (typeof PROFILES)[number];

/** Budgets on the mobile profile (medians), from issue "Production quality". */
const BUDGET = {
  jsKB: 100,
  performance: 100,
  lcpMs: 1300,
  tbtMs: 50,
  cls: 0,
  accessibility: 100,
  bestPractices: 100,
};

interface RunFigures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  jsBytes: number;
  cssBytes: number;
  requests: number;
  consoleErrors: string[];
}

function chromePath(): string | undefined {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function audit(url: string, profile: Profile, port: number): Promise<RunFigures> {
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
  };
}

/** Lighthouse sometimes loses a trace (NO_NAVSTART, NO_FCP); such a run is retried, not counted. */
async function auditWithRetry(url: string, profile: Profile, port: number, reset: () => void) {
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

function summarize(runs: RunFigures[]) {
  const pick = (key: keyof Omit<RunFigures, "consoleErrors">) => median(runs.map((r) => r[key]));
  return {
    performance: pick("performance"),
    accessibility: pick("accessibility"),
    bestPractices: pick("bestPractices"),
    fcpMs: Math.round(pick("fcpMs")),
    lcpMs: Math.round(pick("lcpMs")),
    tbtMs: Math.round(pick("tbtMs")),
    cls: Number(pick("cls").toFixed(4)),
    jsKB: Number((pick("jsBytes") / 1024).toFixed(1)),
    cssKB: Number((pick("cssBytes") / 1024).toFixed(1)),
    requests: pick("requests"),
    consoleErrors: [...new Set(runs.flatMap((r) => r.consoleErrors))],
  };
}
type Summary = ReturnType<typeof summarize>;

function budgetMisses(route: string, s: Summary): string[] {
  const misses: string[] = [];
  const check = (ok: boolean, what: string) => ok || misses.push(`${route}: ${what}`);
  check(s.jsKB <= BUDGET.jsKB, `JavaScript ${s.jsKB} KB > ${BUDGET.jsKB} KB`);
  check(
    s.performance >= BUDGET.performance,
    `performance ${s.performance} < ${BUDGET.performance}`,
  );
  check(s.lcpMs <= BUDGET.lcpMs, `LCP ${s.lcpMs} ms > ${BUDGET.lcpMs} ms`);
  check(s.tbtMs <= BUDGET.tbtMs, `TBT ${s.tbtMs} ms > ${BUDGET.tbtMs} ms`);
  check(s.cls <= BUDGET.cls, `CLS ${s.cls} > ${BUDGET.cls}`);
  check(
    s.accessibility >= BUDGET.accessibility,
    `accessibility ${s.accessibility} < ${BUDGET.accessibility}`,
  );
  check(
    s.bestPractices >= BUDGET.bestPractices,
    `best practices ${s.bestPractices} < ${BUDGET.bestPractices}`,
  );
  return misses;
}

async function main() {
  if (!process.argv.includes("--no-build")) {
    console.log("Building…");
    execFileSync("npm", ["run", "build", "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
  }
  const server = await startServer({ port: 0 });
  const chrome = await chromeLauncher.launch({
    chromePath: chromePath(),
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  const results: Record<string, Record<Profile, Summary>> = {};
  try {
    for (const route of ROUTES) {
      for (const profile of PROFILES) {
        const runs: RunFigures[] = [];
        for (let i = 0; i < RUNS; i++) {
          runs.push(
            await auditWithRetry(`${server.url}${route}`, profile, chrome.port, () =>
              server.mock?.reset(),
            ),
          );
        }
        results[route] ??= {} as Record<Profile, Summary>;
        (results[route] as Record<Profile, Summary>)[profile] = summarize(runs);
        process.stdout.write(".");
      }
    }
  } finally {
    chrome.kill();
    await server.close();
  }
  process.stdout.write("\n");

  const password = await benchPassword();
  const rows = Object.entries(results).flatMap(([route, byProfile]) =>
    PROFILES.map((profile) => {
      const s = byProfile[profile];
      return {
        route: route.split("?")[0],
        profile,
        perf: s.performance,
        a11y: s.accessibility,
        bp: s.bestPractices,
        "FCP ms": s.fcpMs,
        "LCP ms": s.lcpMs,
        "TBT ms": s.tbtMs,
        CLS: s.cls,
        "JS KB": s.jsKB,
        "CSS KB": s.cssKB,
        reqs: s.requests,
      };
    }),
  );
  console.log(`\nLighthouse ${RUNS} run(s) per row, medians; bytes are gzipped transfer sizes.`);
  console.table(rows);
  console.log("Password rule (validatePassword), median per call:");
  console.table(
    password.map((p) => ({
      case: p.name,
      chars: p.chars,
      bytes: p.bytes,
      "median µs": +(p.medianNs / 1000).toFixed(2),
      "p95 µs": +(p.p95Ns / 1000).toFixed(2),
    })),
  );

  const misses = Object.entries(results).flatMap(([route, byProfile]) =>
    budgetMisses(route.split("?")[0] ?? route, byProfile.mobile),
  );
  const sixteen = password.find((p) => p.chars === 16);
  if (sixteen && sixteen.medianNs > 5000)
    misses.push(`password rule: 16 chars ${sixteen.medianNs} ns > 5000 ns`);
  for (const [route, byProfile] of Object.entries(results))
    for (const profile of PROFILES)
      for (const line of byProfile[profile].consoleErrors)
        console.log(`console (${profile} ${route}): ${line}`);

  const out = join(import.meta.dirname, "results");
  await mkdir(out, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    runs: RUNS,
    budget: BUDGET,
    results,
    password,
    misses,
  };
  await writeFile(join(out, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote bench/results/latest.json`);
  if (misses.length > 0) {
    console.log(`\nBudgets missed (mobile medians):\n  ${misses.join("\n  ")}`);
    process.exitCode = 1;
  } else console.log("\nAll budgets met.");
}

await main();
