// `npm run bench:dev`: how long `npm run dev` shows a blank page. Starts Vite's dev server,
// waits for its "ready" line, opens /login in Chromium at once and times, from "ready": the HTML,
// the first contentful paint (the sign-in form, from static HTML or drawn by the app) and the
// app's first commit (the form works); counts the page's requests and the CPU the dev server
// used until then (steadier than wall time on a busy machine). Repeats (default 3, fresh server and browser each time)
// and prints medians. `--cold` empties Vite's dependency cache before each start.
//
//   npm run bench:dev [-- --cold] [-- --dir <another checkout>]   env: BENCH_PORT (default 5199)
import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { launchBrowser, markFirstCommit } from "./browser.ts";
import { currentLoad } from "./machine.ts";
import { FIRST_COMMIT_MARK } from "./trace.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 5199);
const argValue = (name: string) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const dir = resolve(argValue("--dir") ?? join(import.meta.dirname, ".."));
const cold = process.argv.includes("--cold");

interface DevRun {
  /** When the HTML arrived. */
  documentMs: number;
  /** First contentful paint: the form, drawn from static HTML or by the app. */
  paintMs: number;
  /** The app's first commit (it takes over the static page, or draws the first one). */
  appMs: number;
  requests: number;
  /** CPU the dev server process used from "ready" until it sent the HTML. */
  serverCpuToHtmlMs: number;
  /** CPU the dev server process used from "ready" until the app's first commit. */
  serverCpuMs: number;
}

/** User + system CPU of a process so far (Linux), in ms. */
async function cpuOf(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  // Fields after the command name (which may contain spaces): utime is 14th, stime 15th overall.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

function startVite(): Promise<{
  readyAt: number;
  cpuAtReady: Promise<number>;
  pid: number | undefined;
  stop: () => Promise<void>;
}> {
  const child = spawn(
    join(dir, "node_modules", ".bin", "vite"),
    ["--port", String(PORT), "--strictPort"],
    {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
    },
  );
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once("exit", () => done());
      child.kill("SIGTERM");
    });
  return new Promise((ready, fail) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready in/i.test(output)) {
        child.stdout?.off("data", onData);
        ready({ readyAt: performance.now(), cpuAtReady: cpuOf(child.pid), pid: child.pid, stop });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => fail(new Error(`vite exited (${code}):\n${output}`)));
  });
}

async function once(): Promise<DevRun> {
  if (cold) await rm(join(dir, "node_modules", ".vite"), { recursive: true, force: true });
  const browser = await launchBrowser();
  const vite = await startVite();
  try {
    const page = await browser.newPage();
    let requests = 0;
    page.on("request", () => {
      requests++;
    });
    let cpuAtHtml: Promise<number> | undefined;
    page.on("response", (response) => {
      if (response.request().resourceType() === "document") cpuAtHtml ??= cpuOf(vite.pid);
    });
    await markFirstCommit(page);
    // Opened as soon as the terminal says "ready"; the page's clock starts at this navigation.
    const offset = performance.now() - vite.readyAt;
    await page.goto(`http://localhost:${PORT}/login`, { waitUntil: "commit", timeout: 120_000 });
    await page.waitForFunction(
      (mark: string) => performance.getEntriesByName(mark).length > 0,
      FIRST_COMMIT_MARK,
      { timeout: 120_000, polling: 100 },
    );
    // Without static HTML, the first paint follows the app's first commit.
    await page.waitForFunction(
      () => performance.getEntriesByName("first-contentful-paint").length > 0,
      null,
      { timeout: 120_000, polling: 100 },
    );
    const times = await page.evaluate((mark: string) => {
      const navigation = performance.getEntriesByType("navigation")[0] as
        | PerformanceNavigationTiming
        | undefined;
      return {
        document: navigation?.responseEnd ?? Number.NaN,
        paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
        app: performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN,
      };
    }, FIRST_COMMIT_MARK);
    const cpuAtReady = await vite.cpuAtReady;
    const serverCpuMs = (await cpuOf(vite.pid)) - cpuAtReady;
    return {
      serverCpuToHtmlMs: Math.round(((await cpuAtHtml) ?? Number.NaN) - cpuAtReady),
      serverCpuMs: Math.round(serverCpuMs),
      documentMs: Math.round(offset + times.document),
      paintMs: Math.round(offset + times.paint),
      appMs: Math.round(offset + times.app),
      requests,
    };
  } finally {
    await browser.close();
    await vite.stop();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const loadBefore = currentLoad();
const runs: DevRun[] = [];
for (let i = 0; i < RUNS; i++) {
  runs.push(await once());
  process.stdout.write(".");
}
process.stdout.write("\n");
const pick = (key: keyof DevRun) => median(runs.map((r) => r[key]));
console.log(`npm run dev in ${dir}${cold ? " (cold: no dependency cache)" : ""}, ${RUNS} runs:`);
for (const [i, r] of runs.entries())
  console.log(
    `  run ${i + 1}: HTML ${r.documentMs} ms, first paint ${r.paintMs} ms, app ${r.appMs} ms after "ready"; ${r.requests} requests; dev server CPU ${r.serverCpuToHtmlMs} ms to the HTML, ${r.serverCpuMs} ms to the app`,
  );
console.log(
  `median: HTML ${pick("documentMs")} ms, first paint ${pick("paintMs")} ms, app ${pick("appMs")} ms after "ready"; ${pick("requests")} requests; dev server CPU ${pick("serverCpuToHtmlMs")} ms to the HTML, ${pick("serverCpuMs")} ms to the app`,
);
console.log(
  `load average (1 min): ${loadBefore.toFixed(2)} before, ${currentLoad().toFixed(2)} after`,
);
