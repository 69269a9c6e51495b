// A smoke check for a real deployment: our pages in front of a real Coder, through whichever
// front door (nginx, Caddy, the image). It asks only what any browser may ask, signed out, and
// uses nothing from the mock.
//   npm run check-deployment -- https://coder.example.com [--insecure]
// One line per failure (what was expected, what came), a summary, exit 1 on any failure (2 when
// the command itself was wrong). --insecure accepts a certificate nobody vouches for (a
// throwaway one in a test); never use it to judge a production deployment's TLS.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { SSO_CALLBACK_PATHS } from "../server/front-door.ts";
import { SECURITY_HEADERS } from "../server/headers.ts";
import { APP_PAGES, APP_REDIRECTS, ASSET_PREFIX } from "../src/app/owned-routes.ts";
import { GENERATOR, VERSION_FILE } from "./build-version.ts";

/** The tag the front door adds to Coder's HTML (the seam between the two apps). */
export const SEAM_TAG = `<script defer src="${ASSET_PREFIX}coder-seam.js"></script>`;
const SEAM_SCRIPT = `${ASSET_PREFIX}coder-seam.js`;

/** What a browser's page visit accepts. */
const PAGE_VISIT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

export interface CheckOptions {
  /** Accept a certificate that is not trusted (self-signed, for testing). */
  insecure?: boolean;
  /** Per request. */
  timeoutMs?: number;
}

export interface CheckReport {
  checks: number;
  failures: string[];
  /** What the deployment says it runs, for the summary. */
  versions: { ours?: string; coder?: string };
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const MAX_BODY = 4 * 1024 * 1024;

function fetchRaw(base: URL, path: string, accept: string, options: CheckOptions): Promise<Answer> {
  const send = base.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      base,
      {
        path,
        method: "GET",
        headers: { accept, "user-agent": "coder-auth-ui check-deployment" },
        rejectUnauthorized: !options.insecure,
        timeout: options.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY) chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer in time")));
    req.on("error", reject);
    req.end();
  });
}

function describeError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return `a certificate that is not trusted (${code}; --insecure accepts it for testing)`;
  }
  return code ? `${code} (${message})` : message;
}

const header = (answer: Answer, name: string): string | undefined => {
  const value = answer.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
};

const quoted = (value: string | undefined) =>
  value === undefined ? "none" : JSON.stringify(value);

function isOurs(answer: Answer): boolean {
  return answer.body.includes(`<meta name="generator" content="${GENERATOR}`);
}

function hasOurCsp(answer: Answer): boolean {
  return header(answer, "content-security-policy") === SECURITY_HEADERS["Content-Security-Policy"];
}

function isJavaScript(answer: Answer): boolean {
  return /^(?:text|application)\/(?:x-)?javascript\b/i.test(header(answer, "content-type") ?? "");
}

/** The location of a redirect, as a path and query on this deployment (or the full URL if not). */
function locationOf(base: URL, answer: Answer): string | undefined {
  const location = header(answer, "location");
  if (location === undefined) return undefined;
  try {
    const target = new URL(location, base);
    return target.origin === base.origin ? `${target.pathname}${target.search}` : target.href;
  } catch {
    return location;
  }
}

/** The script files a page of ours loads from the build. */
function scriptsOf(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/\b(?:src|href)="(\/auth-ui\/[^"?#]+\.js)"/g)) {
    if (m[1]) found.add(m[1]);
  }
  return [...found];
}

export async function checkDeployment(
  url: string,
  options: CheckOptions = {},
): Promise<CheckReport> {
  const base = new URL(url);
  const https = base.protocol === "https:";
  const report: CheckReport = { checks: 0, failures: [], versions: {} };
  const cache = new Map<string, Promise<Answer | string>>();

  /** A GET, once per path and Accept; a transport failure is a line of its own. */
  const get = async (path: string, accept = "*/*"): Promise<Answer | undefined> => {
    const key = `${accept} ${path}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = fetchRaw(base, path, accept, options).catch(describeError);
      cache.set(key, pending);
    }
    const answer = await pending;
    if (typeof answer === "string") {
      if (!reported.has(key)) {
        reported.add(key);
        report.checks++;
        report.failures.push(`GET ${path}: expected an answer, got ${answer}`);
      }
      return undefined;
    }
    return answer;
  };
  const reported = new Set<string>();
  /** One check: `ok`, or the line that says what was expected and what came. */
  const expect = (ok: boolean, line: () => string) => {
    report.checks++;
    if (!ok) report.failures.push(line());
    return ok;
  };
  const hsts = (path: string, answer: Answer) => {
    if (!https) return;
    const value = header(answer, "strict-transport-security");
    expect(
      /\bmax-age=[1-9]\d*/i.test(value ?? ""),
      () =>
        `GET ${path}: expected Strict-Transport-Security with a max-age (https), got ${quoted(value)}`,
    );
  };

  // Nobody there (or a certificate refused): one line says so, not one per check.
  if (!(await get(APP_PAGES[0], PAGE_VISIT))) return report;

  // Our pages: the build's, with our headers.
  for (const page of APP_PAGES) {
    const answer = await get(page, PAGE_VISIT);
    if (!answer) continue;
    if (!expect(answer.status === 200, () => `GET ${page}: expected 200, got ${answer.status}`))
      continue;
    const type = header(answer, "content-type");
    expect(
      /^text\/html\b/i.test(type ?? ""),
      () => `GET ${page}: expected Content-Type text/html, got ${quoted(type)}`,
    );
    expect(
      isOurs(answer),
      () =>
        `GET ${page}: expected our page (<meta name="generator" content="${GENERATOR} …">), got a page without it`,
    );
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      const got = header(answer, name);
      expect(got === value, () => `GET ${page}: expected ${name}: ${value}, got ${quoted(got)}`);
    }
    hsts(page, answer);
  }

  // The build's version file, for operators.
  const version = await get(VERSION_FILE, "application/json");
  if (version) {
    let parsed: { version?: unknown; commit?: unknown } | undefined;
    try {
      parsed = JSON.parse(version.body) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    if (
      expect(
        version.status === 200 && typeof parsed?.version === "string",
        () =>
          `GET ${VERSION_FILE}: expected 200 JSON with "version", got ${version.status} ${quoted(header(version, "content-type"))}`,
      )
    ) {
      const commit = typeof parsed?.commit === "string" ? ` (${parsed.commit.slice(0, 12)})` : "";
      report.versions.ours = `${String(parsed?.version)}${commit}`;
    }
  }

  // Our redirect for password managers.
  for (const [from, to] of Object.entries(APP_REDIRECTS)) {
    const answer = await get(from, PAGE_VISIT);
    if (!answer) continue;
    const where = locationOf(base, answer);
    expect(
      answer.status >= 301 && answer.status <= 308 && where === to,
      () =>
        `GET ${from}: expected a redirect to ${to}, got ${answer.status}${where ? ` to ${where}` : ""}`,
    );
  }

  // Near variants of our pages: one address each.
  const variants: Array<[string, string]> = [];
  for (const page of APP_PAGES) {
    variants.push([`${page}/`, page]);
    variants.push([page.toUpperCase(), page]);
  }
  variants.push(["/login/?redirect=%2Fworkspaces", "/login?redirect=%2Fworkspaces"]);
  for (const [from, to] of variants) {
    const answer = await get(from, PAGE_VISIT);
    if (!answer) continue;
    const where = locationOf(base, answer);
    expect(
      (answer.status === 301 || answer.status === 308) && where === to,
      () =>
        `GET ${from}: expected a redirect (301 or 308) to ${to}, got ${answer.status}${where ? ` to ${where}` : ""}`,
    );
  }

  // Coder's pages pass through, and leave with the seam.
  const coderPages = ["/workspaces", "/"];
  let seamSeen: string | undefined;
  for (const path of coderPages) {
    const answer = await get(path, PAGE_VISIT);
    if (!answer) continue;
    const ok = expect(
      answer.status === 200 || (answer.status >= 300 && answer.status < 400),
      () => `GET ${path}: expected Coder's page (200 or a redirect), got ${answer.status}`,
    );
    if (!ok) continue;
    // Not ours. (Its headers are Coder's business: the mock's stand-in happens to send ours.)
    expect(!isOurs(answer), () => `GET ${path}: expected Coder's page, got ours`);
    if (path === "/workspaces") hsts(path, answer);
    if (seamSeen === undefined && answer.status === 200) {
      const count = answer.body.split(SEAM_TAG).length - 1;
      expect(
        count === 1,
        () =>
          `GET ${path}: expected Coder's HTML with ${SEAM_TAG} once, got ${count === 0 ? "a page without it" : `it ${count} times`}`,
      );
      seamSeen = path;
    }
  }
  if (seamSeen === undefined) {
    expect(
      false,
      () =>
        `GET ${coderPages.join(", ")}: expected one of Coder's HTML pages (200) to check for ${SEAM_TAG}, got none`,
    );
  }

  // Coder's API passes through with Coder's headers.
  const buildinfo = await get("/api/v2/buildinfo", "application/json");
  if (buildinfo) {
    let coderVersion: unknown;
    try {
      coderVersion = (JSON.parse(buildinfo.body) as { version?: unknown }).version;
    } catch {
      coderVersion = undefined;
    }
    if (
      expect(
        buildinfo.status === 200 && typeof coderVersion === "string",
        () =>
          `GET /api/v2/buildinfo: expected 200 JSON with "version" from Coder, got ${buildinfo.status} ${quoted(header(buildinfo, "content-type"))}`,
      )
    ) {
      report.versions.coder = String(coderVersion);
      const build = header(buildinfo, "x-coder-build-version");
      expect(
        build !== undefined,
        () => "GET /api/v2/buildinfo: expected Coder's X-Coder-Build-Version header, got none",
      );
      expect(
        !hasOurCsp(buildinfo),
        () => "GET /api/v2/buildinfo: expected Coder's headers, got our Content-Security-Policy",
      );
    }
  }

  // The seam's script, and no source maps anywhere.
  const login = await get("/login", PAGE_VISIT);
  const scripts = login && login.status === 200 ? scriptsOf(login.body) : [];
  if (login?.status === 200) {
    expect(
      scripts.length > 0,
      () => `GET /login: expected script files under ${ASSET_PREFIX}, got none`,
    );
  }
  for (const script of [...scripts, SEAM_SCRIPT]) {
    const answer = await get(script);
    if (!answer) continue;
    if (!expect(answer.status === 200, () => `GET ${script}: expected 200, got ${answer.status}`))
      continue;
    expect(
      isJavaScript(answer),
      () => `GET ${script}: expected JavaScript, got ${quoted(header(answer, "content-type"))}`,
    );
    expect(
      !/sourceMappingURL=/.test(answer.body),
      () => `GET ${script}: expected no sourceMappingURL, got one`,
    );
    const mapHeader = header(answer, "sourcemap") ?? header(answer, "x-sourcemap");
    expect(
      mapHeader === undefined,
      () => `GET ${script}: expected no SourceMap header, got ${quoted(mapHeader)}`,
    );
    const map = await get(`${script}.map`);
    if (map) {
      expect(map.status === 404, () => `GET ${script}.map: expected 404, got ${map.status}`);
    }
  }

  // A failed single sign-on ends on our sign-in page. Without a code the callback would start a
  // sign-in (a redirect to the provider); a code without a state is refused by every Coder (400
  // "State must be provided.", or 400 when the provider is not configured at all).
  for (const path of SSO_CALLBACK_PATHS) {
    const callback = `${path}?code=check-deployment`;
    const answer = await get(callback, PAGE_VISIT);
    if (!answer) continue;
    const where = locationOf(base, answer);
    const target = where === undefined ? undefined : new URL(where, base);
    expect(
      answer.status === 303 &&
        target?.origin === base.origin &&
        target.pathname === "/login" &&
        (target.searchParams.get("message") ?? "") !== "",
      () =>
        `GET ${callback} (a browser's visit, no state): expected 303 to /login?message=…, got ${answer.status}${where ? ` to ${where}` : ""}`,
    );
  }

  return report;
}

function summary(url: string, report: CheckReport): string {
  const runs = [
    report.versions.ours ? `coder-auth-ui ${report.versions.ours}` : undefined,
    report.versions.coder ? `Coder ${report.versions.coder}` : undefined,
  ].filter(Boolean);
  const running = runs.length ? ` (${runs.join(", ")})` : "";
  return report.failures.length === 0
    ? `check-deployment: all ${report.checks} checks passed against ${url}${running}`
    : `check-deployment: ${report.failures.length} of ${report.checks} checks failed against ${url}${running}`;
}

const USAGE = "usage: npm run check-deployment -- <https://front-door.example> [--insecure]";

/** The command line: returns the exit status. */
export async function main(
  args: string[],
  out = console.log,
  err = console.error,
): Promise<number> {
  const insecure = args.includes("--insecure");
  const rest = args.filter((arg) => arg !== "--insecure");
  const [url, ...extra] = rest;
  if (!url || extra.length > 0 || url.startsWith("-")) {
    err(USAGE);
    return 2;
  }
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    err(`check-deployment: not a URL: ${url}\n${USAGE}`);
    return 2;
  }
  if ((base.protocol !== "http:" && base.protocol !== "https:") || base.pathname !== "/") {
    err(`check-deployment: expected the front door's origin (http or https, no path), got ${url}`);
    return 2;
  }
  const report = await checkDeployment(base.origin, { insecure });
  for (const line of report.failures) err(`FAIL ${line}`);
  (report.failures.length ? err : out)(summary(base.origin, report));
  return report.failures.length ? 1 : 0;
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
