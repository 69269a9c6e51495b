// `npm run bench`: build, serve the build with the mock API (as a deployment would), and measure
// every signed-out page on the mobile profile, three runs each, medians:
// - Lighthouse (performance, accessibility, best practices, FCP, LCP, TBT, CLS);
// - the JavaScript a visitor downloads before touching the page, and the JavaScript a whole
//   sign-in needs (a scripted one), in Brotli and gzip, from the build's own files;
// - main-thread CPU from a trace (thread time: steadier than TBT on a shared machine).
// It refuses to judge the budgets when the machine was visibly busy or runs disagree (exit 2).
//
//   npm run bench                       this tree
//   npm run bench -- --compare main     a ref and this tree, built both, runs alternated
//   options: --no-build (use dist/ as it is), --desktop (also Lighthouse desktop, not budgeted),
//            --bytes (only the byte figures: one load per page, no Lighthouse; load doesn't matter),
//            --routes /login,/setup (only these pages: an A/B of one mechanism in minutes)
//   env: BENCH_RUNS (3), BENCH_PORT (servers on it and the next, Chrome on +2; default: any),
//        BENCH_MAX_LOAD, BENCH_MAX_SPREAD (see machine.ts)
//
// Exit codes: 0 budgets met, 1 a budget missed, 2 not judged (busy machine), 3 the bench failed.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer } from "../server/serve-dist.ts";
import { launchBrowser, loadUntouched, type RouteLoad, signIn } from "./browser.ts";
import { type Build, buildHere, buildRef, type RefBuild } from "./builds.ts";
import { kb, type ScriptTotals, totalScripts } from "./bytes.ts";
import { type LighthouseFigures, launchChrome, lighthouseRun, type Profile } from "./lighthouse.ts";
import { currentLoad, DEFAULT_LIMITS, judgeMachine } from "./machine.ts";
import { benchPassword } from "./password.ts";
import type { TraceFigures } from "./trace.ts";

const BYTES_ONLY = process.argv.includes("--bytes");
const RUNS = BYTES_ONLY ? 1 : Number(process.env.BENCH_RUNS ?? 3);
const BASE_PORT = Number(process.env.BENCH_PORT ?? 0);

/** Every signed-out page; the last three only when the build has them. */
const CANDIDATES: Array<{ path: string; sample: string; reset?: { users: "none" } }> = [
  { path: "/login", sample: "/login" },
  { path: "/reset-password", sample: "/reset-password" },
  {
    path: "/reset-password/change",
    sample:
      "/reset-password/change?otp=3f1c2a9e-5b7d-4e2f-9a1b-6c8d0e2f4a6b&email=member%40coder.com",
  },
  // Only itself on a deployment nobody has set up (elsewhere it sends to /login).
  { path: "/setup", sample: "/setup", reset: { users: "none" } },
  { path: "/login/device", sample: "/login/device" },
  { path: "/cli-auth", sample: "/cli-auth" },
];

/** Budgets on the mobile profile (medians), from issues 12 and 20. KB = 1024 bytes. */
const BUDGET = {
  jsBeforeInteractionBytes: 100_000,
  signInKB: 125,
  performance: 100,
  lcpMs: 1100,
  tbtMs: 50,
  cls: 0,
  accessibility: 100,
  bestPractices: 100,
};

interface Args {
  compare: string | undefined;
  build: boolean;
  profiles: Profile[];
  /** The pages to measure; all of CANDIDATES when absent. */
  routes: string[] | undefined;
}

function parseArgs(argv: string[]): Args {
  const at = argv.indexOf("--compare");
  const compare = at === -1 ? undefined : argv[at + 1];
  if (at !== -1 && (!compare || compare.startsWith("--")))
    throw new Error("--compare needs a git ref, e.g. --compare main");
  const routesAt = argv.indexOf("--routes");
  const routes = routesAt === -1 ? undefined : argv[routesAt + 1]?.split(",");
  const unknown = routes?.find((r) => !CANDIDATES.some((c) => c.path === r));
  if (routesAt !== -1 && (!routes || unknown !== undefined))
    throw new Error(
      `--routes takes a comma-separated list of ${CANDIDATES.map((c) => c.path).join(", ")}`,
    );
  return {
    routes,
    compare,
    build: !argv.includes("--no-build"),
    profiles: argv.includes("--bytes")
      ? []
      : argv.includes("--desktop")
        ? ["mobile", "desktop"]
        : ["mobile"],
  };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

interface RouteRuns {
  lighthouse: Record<string, LighthouseFigures[]>;
  loads: RouteLoad[];
}

interface BuildResults {
  build: Build;
  routes: Map<string, RouteRuns>;
  signIns: ScriptTotals[];
}

function summarizeLighthouse(runs: LighthouseFigures[]) {
  const pick = (key: keyof Omit<LighthouseFigures, "consoleErrors" | "lcpElement">) =>
    median(runs.map((r) => r[key]));
  return {
    performance: pick("performance"),
    accessibility: pick("accessibility"),
    bestPractices: pick("bestPractices"),
    fcpMs: Math.round(pick("fcpMs")),
    lcpMs: Math.round(pick("lcpMs")),
    tbtMs: Math.round(pick("tbtMs")),
    cls: Number(pick("cls").toFixed(4)),
    jsKB: kb(pick("jsBytes")),
    cssKB: kb(pick("cssBytes")),
    requests: pick("requests"),
    consoleErrors: [...new Set(runs.flatMap((r) => r.consoleErrors))],
    lcpElements: [...new Set(runs.map((r) => r.lcpElement))],
  };
}

function summarizeTrace(runs: TraceFigures[]) {
  const pick = (key: keyof TraceFigures) =>
    median(runs.map((r) => r[key] ?? Number.NaN).filter((v) => !Number.isNaN(v)));
  return {
    evaluationMs: pick("evaluationMs"),
    firstCommitMs: pick("firstCommitMs"),
    afterPaintMs: pick("afterPaintMs"),
    longestTaskMs: pick("longestTaskMs"),
  };
}

function summarizeScripts(totals: ScriptTotals[]) {
  const first = totals[0];
  return {
    requests: median(totals.map((t) => t.requests)),
    gzipKB: kb(median(totals.map((t) => t.gzip))),
    brotliKB: kb(median(totals.map((t) => t.brotli))),
    brotliBytes: median(totals.map((t) => t.brotli)),
    servedKB: kb(median(totals.map((t) => t.served))),
    encodings: [...new Set(totals.flatMap((t) => t.encodings))],
    files: first?.files ?? [],
  };
}

/** A plain aligned table (console.table quotes strings and shows indexes). */
function printTable(rows: Array<Record<string, string | number>>) {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const text = (v: string | number | undefined) =>
    v === undefined || (typeof v === "number" && Number.isNaN(v)) ? "–" : String(v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] as number)).join(" | ")} |`;
  console.log(line(columns));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(columns.map((c) => text(row[c]))));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const loadAtStart = currentLoad();
  let loadPeak = loadAtStart;
  const sampleLoad = () => {
    loadPeak = Math.max(loadPeak, currentLoad());
  };

  const builds: Build[] = [];
  let refBuild: RefBuild | undefined;
  const servers: Array<Awaited<ReturnType<typeof startServer>>> = [];
  let chrome: Awaited<ReturnType<typeof launchChrome>> | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const results: BuildResults[] = [];
  try {
    if (args.compare) {
      console.log(`Building ${args.compare} in a temporary worktree…`);
      refBuild = await buildRef(args.compare);
      builds.push(refBuild);
    }
    if (args.build) {
      console.log("Building this tree…");
      builds.push(buildHere());
    } else builds.push({ label: "this tree", dist: join(import.meta.dirname, "..", "dist") });
    sampleLoad();

    for (const [i, build] of builds.entries())
      servers.push(await startServer({ dist: build.dist, port: BASE_PORT ? BASE_PORT + i : 0 }));
    chrome = await launchChrome(BASE_PORT ? BASE_PORT + 2 : undefined);
    const launched = chrome;
    process.once("exit", () => launched.kill());
    browser = await launchBrowser();

    // Which pages each build has; this first load also warms the server and the disk cache.
    for (const [i, build] of builds.entries()) {
      const server = servers[i];
      if (!server) continue;
      const routes = new Map<string, RouteRuns>();
      for (const candidate of CANDIDATES) {
        if (args.routes && !args.routes.includes(candidate.path)) continue;
        server.mock?.reset(candidate.reset);
        const probe = await loadUntouched(browser, `${server.url}${candidate.sample}`).catch(
          () => undefined,
        );
        if (probe?.present) routes.set(candidate.path, { lighthouse: {}, loads: [] });
        else if (probe && probe.landedOn !== candidate.path)
          console.log(`${build.label}: ${candidate.path} went to ${probe.landedOn}; skipped`);
      }
      results.push({ build, routes, signIns: [] });
    }
    const measured = CANDIDATES.filter((c) => results.some((r) => r.routes.has(c.path)));
    console.log(
      `Measuring ${measured.map((c) => c.path).join(", ")} on ${builds.map((b) => b.label).join(" and ")}, ${RUNS} runs each…`,
    );

    for (let run = 0; run < RUNS; run++) {
      // Alternate which build goes first, so a drift in the machine's load hits both alike.
      const order = run % 2 === 0 ? [...results.keys()] : [...results.keys()].reverse();
      for (const candidate of measured) {
        for (const index of order) {
          const result = results[index] as BuildResults;
          const server = servers[index];
          const runs = result.routes.get(candidate.path);
          if (!server || !runs) continue;
          const url = `${server.url}${candidate.sample}`;
          for (const profile of args.profiles) {
            const figures = await lighthouseRun(url, profile, chrome.port, () =>
              server.mock?.reset(candidate.reset),
            );
            const list = runs.lighthouse[profile] ?? [];
            runs.lighthouse[profile] = list;
            list.push(figures);
          }
          server.mock?.reset(candidate.reset);
          runs.loads.push(await loadUntouched(browser, url));
          process.stdout.write(".");
          sampleLoad();
        }
      }
      for (const index of order) {
        const result = results[index] as BuildResults;
        const server = servers[index];
        if (!server) continue;
        server.mock?.reset();
        result.signIns.push(
          await totalScripts(result.build.dist, await signIn(browser, server.url)),
        );
        process.stdout.write("s");
        sampleLoad();
      }
    }
    process.stdout.write("\n");
  } finally {
    await browser?.close();
    chrome?.kill();
    for (const server of servers) await server.close();
  }
  try {
    await report(results, { loadAtStart, loadPeak });
  } finally {
    // After the report: its byte counts read the ref's files.
    await refBuild?.remove();
  }
}

async function report(results: BuildResults[], load: { loadAtStart: number; loadPeak: number }) {
  const { loadAtStart } = load;

  const password = await benchPassword();
  const loadAtEnd = currentLoad();
  const loadPeak = Math.max(load.loadPeak, loadAtEnd);

  // Summaries per build and route.
  const summaries = await Promise.all(
    results.map(async (result) => ({
      label: result.build.label,
      routes: await Promise.all(
        [...result.routes].map(async ([path, runs]) => ({
          path,
          lighthouse: Object.fromEntries(
            Object.entries(runs.lighthouse).map(([profile, figures]) => [
              profile,
              summarizeLighthouse(figures),
            ]),
          ),
          beforeInteraction: summarizeScripts(
            await Promise.all(runs.loads.map((l) => totalScripts(result.build.dist, l.scripts))),
          ),
          trace: summarizeTrace(runs.loads.map((l) => l.trace)),
          traceRuns: runs.loads.map((l) => l.trace),
        })),
      ),
      signIn: summarizeScripts(result.signIns),
    })),
  );

  if (!BYTES_ONLY)
    console.log(
      `\nLighthouse, mobile profile (simulated throttling), median of ${RUNS}; JS/CSS as this server sent them:`,
    );
  printTable(
    summaries.flatMap((s) =>
      s.routes.flatMap((r) =>
        Object.entries(r.lighthouse).map(([profile, l]) => ({
          build: s.label,
          route: r.path,
          profile,
          perf: l.performance,
          a11y: l.accessibility,
          bp: l.bestPractices,
          "FCP ms": l.fcpMs,
          "LCP ms": l.lcpMs,
          "TBT ms": l.tbtMs,
          CLS: l.cls,
          "JS KB": l.jsKB,
          "CSS KB": l.cssKB,
          reqs: l.requests,
        })),
      ),
    ),
  );

  const brotliServed = summaries.some(
    (s) =>
      s.signIn.encodings.includes("br") ||
      s.routes.some((r) => r.beforeInteraction.encodings.includes("br")),
  );
  console.log(
    `\nJavaScript downloaded (KB = 1024 bytes, bodies only). Brotli: ${
      brotliServed
        ? "as the server sent it"
        : "as served with Brotli, computed from the build's .br files (this server sent gzip)"
    }; gzip: level 9, as served.`,
  );
  printTable(
    summaries.flatMap((s) => [
      ...s.routes.map((r) => ({
        build: s.label,
        what: `${r.path}, before first interaction`,
        scripts: r.beforeInteraction.requests,
        "Brotli B": r.beforeInteraction.brotliBytes,
        "Brotli KB": r.beforeInteraction.brotliKB,
        "gzip KB": r.beforeInteraction.gzipKB,
      })),
      {
        build: s.label,
        what: "a whole sign-in (load, type, submit, arrive)",
        scripts: s.signIn.requests,
        "Brotli B": s.signIn.brotliBytes,
        "Brotli KB": s.signIn.brotliKB,
        "gzip KB": s.signIn.gzipKB,
      },
    ]),
  );

  console.log(
    `\nMain-thread CPU from a trace (thread time, no throttling, this machine), median of ${RUNS}:`,
  );
  printTable(
    summaries.flatMap((s) =>
      s.routes.map((r) => ({
        build: s.label,
        route: r.path,
        "evaluation ms": r.trace.evaluationMs,
        "first commit ms": r.trace.firstCommitMs,
        "after first paint ms": r.trace.afterPaintMs,
        "longest task ms (wall)": r.trace.longestTaskMs,
      })),
    ),
  );

  console.log("\nPassword rule (validatePassword), median per call:");
  printTable(
    password.map((p) => ({
      case: p.name,
      chars: p.chars,
      bytes: p.bytes,
      "median µs": +(p.medianNs / 1000).toFixed(2),
      "p95 µs": +(p.p95Ns / 1000).toFixed(2),
    })),
  );

  // Budgets: this tree's build (the last), mobile medians.
  const mine = summaries.at(-1);
  const misses: string[] = [];
  const check = (ok: boolean, what: string) => ok || misses.push(what);
  if (mine) {
    for (const r of mine.routes) {
      const l = r.lighthouse.mobile;
      check(
        r.beforeInteraction.brotliBytes <= BUDGET.jsBeforeInteractionBytes,
        `${r.path}: JS before first interaction ${r.beforeInteraction.brotliBytes} B Brotli > ${BUDGET.jsBeforeInteractionBytes} B`,
      );
      if (!l) continue;
      check(l.performance >= BUDGET.performance, `${r.path}: performance ${l.performance}`);
      check(l.lcpMs <= BUDGET.lcpMs, `${r.path}: LCP ${l.lcpMs} ms > ${BUDGET.lcpMs} ms`);
      check(l.tbtMs <= BUDGET.tbtMs, `${r.path}: TBT ${l.tbtMs} ms > ${BUDGET.tbtMs} ms`);
      check(l.cls <= BUDGET.cls, `${r.path}: CLS ${l.cls} > ${BUDGET.cls}`);
      check(l.accessibility >= BUDGET.accessibility, `${r.path}: accessibility ${l.accessibility}`);
      check(
        l.bestPractices >= BUDGET.bestPractices,
        `${r.path}: best practices ${l.bestPractices}`,
      );
      for (const line of l.consoleErrors) console.log(`console (${r.path}): ${line}`);
      console.log(`largest paint (${r.path}): ${l.lcpElements.join("; ")}`);
    }
    check(
      mine.signIn.brotliKB <= BUDGET.signInKB,
      `sign-in: ${mine.signIn.brotliKB} KB Brotli > ${BUDGET.signInKB} KB`,
    );
  }
  const sixteen = password.find((p) => p.chars === 16);
  if (sixteen && sixteen.medianNs > 5000)
    misses.push(`password rule: 16 chars ${sixteen.medianNs} ns > 5000 ns`);

  const steady = new Map<string, number[]>();
  for (const s of summaries)
    for (const r of s.routes)
      steady.set(
        `${s.label} ${r.path} CPU after first paint`,
        r.traceRuns.map((t) => t.afterPaintMs),
      );
  // Byte counts do not depend on the machine's load; everything else does.
  const machine = BYTES_ONLY
    ? { trustworthy: true, reasons: [] }
    : judgeMachine({ start: loadAtStart, end: loadAtEnd, max: loadPeak }, steady, DEFAULT_LIMITS);
  console.log(
    `\nLoad average (1 min): ${loadAtStart.toFixed(2)} at the start, ${loadAtEnd.toFixed(2)} at the end, ${loadPeak.toFixed(2)} at most (limit ${DEFAULT_LIMITS.maxLoad}).`,
  );

  const out = join(import.meta.dirname, "results");
  await mkdir(out, { recursive: true });
  await writeFile(
    join(out, "latest.json"),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        runs: RUNS,
        budget: BUDGET,
        load: { start: loadAtStart, end: loadAtEnd, peak: loadPeak },
        machine,
        summaries,
        password,
        misses,
      },
      null,
      2,
    )}\n`,
  );
  console.log("Wrote bench/results/latest.json");

  if (misses.length > 0)
    console.log(`\nBudgets missed (${mine?.label}, mobile medians):\n  ${misses.join("\n  ")}`);
  if (!machine.trustworthy) {
    console.log(
      `\nNOT JUDGED: the machine was too busy for these figures to decide anything:\n  ${machine.reasons.join("\n  ")}`,
    );
    process.exitCode = 2;
  } else if (misses.length > 0) process.exitCode = 1;
  else console.log("\nAll budgets met.");
}

// Ctrl-C or a kill: exit through "exit" handlers (they remove the temporary worktree).
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    console.error(`\n${signal}: stopping`);
    process.exit(130);
  });

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 3;
}
