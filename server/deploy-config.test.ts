// The committed deployment configs are what the owned-routes list says they are.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APP_PAGES, APP_REDIRECTS, ASSET_PREFIX } from "../src/app/owned-routes.ts";
import {
  DEPLOY_FILES,
  HEALTH_PATH,
  renderAll,
  TEMPLATE_VARIABLES,
  TLS_TEMPLATE_VARIABLES,
} from "./deploy-config.ts";
import { SEAM_TAG, SSO_CALLBACK_PATHS, SSO_FAILURE_STATUSES } from "./front-door.ts";
import { HSTS, SECURITY_HEADERS } from "./headers.ts";

const root = join(import.meta.dirname, "..");
const committed = async (file: string) => readFile(join(root, file), "utf8");

describe("deploy/", () => {
  it("holds exactly what scripts/generate-deploy.ts renders from the owned list", async () => {
    const rendered = renderAll();
    for (const [key, file] of Object.entries(DEPLOY_FILES)) {
      expect(await committed(file), `${file} is out of date: run npm run deploy:generate`).toBe(
        rendered[key as keyof typeof DEPLOY_FILES],
      );
    }
  });
});

/** How a template names a variable for envsubst: ${NAME}. */
const envVar = (name: string) => `$${"{"}${name}}`;

/** The server block for the access URL's host (the first block is every other host's). */
function ownServer(conf: string): string {
  return conf.slice(conf.indexOf(`server_name ${envVar("CODER_HOST")};`));
}

describe.each([
  ["nginx", renderAll().nginx, false],
  ["nginx with Brotli", renderAll().nginxBrotli, false],
  ["nginx with TLS", renderAll().nginxTls, true],
  ["nginx with TLS and Brotli", renderAll().nginxTlsBrotli, true],
])("the %s template", (_name, conf, tls) => {
  it("uses exactly the documented variables, and no other envsubst-looking text", () => {
    const variables = new Set([...conf.matchAll(/\$\{([A-Za-z_]+)\}/g)].map((m) => m[1]));
    expect([...variables].sort()).toEqual(
      [...(tls ? TLS_TEMPLATE_VARIABLES : TEMPLATE_VARIABLES)].sort(),
    );
    // A plain `envsubst` would also eat $NAME; nginx's own variables are all lower case.
    expect(conf).not.toMatch(/\$[A-Z]/);
  });

  it("serves every app page from the build, prerendered where it can, with our headers", () => {
    for (const page of APP_PAGES) {
      const block = conf.slice(conf.indexOf(`location = ${page} {`));
      expect(block, page).not.toBe(conf.slice(-1));
      const body = block.slice(0, block.indexOf("\n    }\n"));
      expect(body).toContain(`try_files ${page}.html /index.html =404;`);
      expect(body).toContain(`return 303 ${page};`);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(body).toContain(`add_header ${name} "${value}" always;`);
      }
    }
  });

  it("redirects the app's redirects and serves build files with immutable caching", () => {
    for (const [from, to] of Object.entries(APP_REDIRECTS)) {
      expect(conf).toMatch(
        new RegExp(`location = ${from.replace(/\./g, "\\.")} \\{[^}]*return 302 ${to};`),
      );
    }
    expect(conf).toContain(`location ^~ ${ASSET_PREFIX} {`);
    expect(conf).toContain('add_header Cache-Control "public, max-age=31536000, immutable";');
    expect(conf).toMatch(/location ~ \\\.map\$ \{\s+return 404;/);
    expect(conf).toContain("gzip_static on;");
  });

  it("maps every failing status of both callbacks, and proxies everything else to Coder", () => {
    for (const path of SSO_CALLBACK_PATHS) expect(conf).toContain(`location = ${path} {`);
    const mapped = new Set<number>();
    for (const m of conf.matchAll(/error_page ([\d\s]+) = @coder_auth_ui_sso_failed/g)) {
      for (const code of (m[1] as string).trim().split(/\s+/)) mapped.add(Number(code));
    }
    for (let status = 400; status <= 599; status++) {
      if (status !== 499) expect(mapped.has(status), String(status)).toBe(true);
    }
    for (const status of SSO_FAILURE_STATUSES) {
      expect(conf).toContain(`return 303 $coder_auth_ui_sso_failed-${status};`);
    }
    expect(conf).toContain("proxy_set_header Upgrade $http_upgrade;");
  });

  it("serves the app for the access URL's host only; every other host is Coder's, whole", () => {
    const other = conf.slice(
      conf.indexOf("server {"),
      conf.indexOf(`server_name ${envVar("CODER_HOST")};`),
    );
    expect(other).toContain("server_name ~.;");
    expect(other).toContain(`proxy_pass ${envVar("CODER_UPSTREAM")};`);
    expect(other).not.toContain("location =");
    expect(other).not.toContain("sub_filter");
    expect(other).not.toContain("root ");
    expect(ownServer(conf)).toContain(`root ${envVar("DIST_DIR")};`);
  });

  it("overwrites the client's own forwarding headers in both servers, and names no version", () => {
    expect(conf).not.toContain("$proxy_add_x_forwarded_for");
    expect(conf.match(/proxy_set_header X-Forwarded-For \$remote_addr;/g)).toHaveLength(2);
    expect(conf.match(/proxy_set_header X-Real-IP \$remote_addr;/g)).toHaveLength(2);
    expect(conf.match(/server_tokens off;/g)).toHaveLength(2);
  });

  it("logs no query string (a reset link carries a live passcode)", () => {
    const format = conf.slice(conf.indexOf("log_format coder_auth_ui"));
    expect(format.slice(0, format.indexOf("\n"))).not.toMatch(
      /\$request[ "]|\$request_uri|\$args|\$query_string/,
    );
    expect(conf.match(/access_log \S+ coder_auth_ui;/g)).toHaveLength(2);
  });

  it("adds the seam script to Coder's pages, asks Coder for them uncompressed and compresses them", () => {
    const own = ownServer(conf);
    const coder = own.slice(own.lastIndexOf("location / {"));
    expect(coder).toContain(`sub_filter '<head>' '<head>${SEAM_TAG}';`);
    expect(coder).toContain("gzip on;");
    expect(own).toContain("proxy_set_header Accept-Encoding $coder_auth_ui_upstream_encoding;");
    // Only page visits lose the browser's Accept-Encoding on the way to Coder.
    expect(conf).toMatch(
      /map \$coder_auth_ui_page_visit \$coder_auth_ui_upstream_encoding \{\s+1 "";\s+default \$http_accept_encoding;/,
    );
  });

  it("redirects every owned path's near variants to it, query kept", () => {
    for (const path of [...APP_PAGES, ...Object.keys(APP_REDIRECTS)]) {
      expect(conf).toContain(`return 308 ${path}$is_args$args;`);
    }
  });

  it("answers its health check on the access URL's host", () => {
    expect(ownServer(conf)).toContain(`location = ${HEALTH_PATH} {`);
  });

  it(tls ? "listens with TLS and sends HSTS everywhere" : "sends no HSTS over plain HTTP", () => {
    if (!tls) {
      expect(conf).not.toContain("Strict-Transport-Security");
      return;
    }
    expect(conf.match(/listen \$\{LISTEN_PORT\} ssl/g)).toHaveLength(2);
    const hsts = `add_header Strict-Transport-Security "${HSTS}" always;`;
    // Both servers send it; a location with headers of its own (which stops nginx inheriting
    // the server's) sends it too.
    expect(conf.split(`\n    ${hsts}`)).toHaveLength(3);
    const blocks = conf.split(/\n {4}location /).slice(1);
    for (const block of blocks) {
      const body = block.slice(0, block.indexOf("\n    }"));
      if (body.includes("add_header")) expect(body, block.slice(0, 60)).toContain(hsts);
    }
  });
});

describe("the Brotli variants", () => {
  it.each([
    ["plain", "nginx", "nginxBrotli"],
    ["TLS", "nginxTls", "nginxTlsBrotli"],
  ] as const)("differ from the %s one by brotli_static only", (_name, plain, brotli) => {
    const rendered = renderAll();
    expect(rendered[plain]).not.toContain("brotli_static");
    const withoutBrotli = rendered[brotli]
      .split("\n")
      .filter((line) => !line.includes("brotli_static on;"))
      .join("\n");
    const body = (text: string) => text.slice(text.indexOf("\nmap "));
    expect(body(withoutBrotli)).toBe(body(rendered[plain]));
  });
});

describe.each([
  ["Caddyfile", renderAll().caddy, false],
  ["Caddyfile.tls", renderAll().caddyTls, true],
])("the %s", (_name, caddy, tls) => {
  it("uses the same variables as the nginx template", () => {
    const variables = new Set([...caddy.matchAll(/\{\$([A-Z_]+)\}/g)].map((m) => m[1]));
    expect([...variables].sort()).toEqual(
      [...(tls ? TLS_TEMPLATE_VARIABLES : TEMPLATE_VARIABLES)].sort(),
    );
  });

  it("overwrites the client's forwarding headers, as nginx does", () => {
    expect(caddy).toContain("header_up X-Real-IP {remote_host}");
    expect(caddy).toContain("header_up X-Forwarded-For {remote_host}");
  });

  it("times out slow clients as nginx does", () => {
    expect(caddy).toMatch(/timeouts \{\s+read_header 60s\s+read_body 60s\s+idle 75s/);
  });

  it(tls ? "sends HSTS on both sites" : "sends no HSTS", () => {
    expect((caddy.match(/Strict-Transport-Security/g) ?? []).length).toBe(tls ? 3 : 0);
  });

  it("owns the same pages, redirects and build files", () => {
    expect(caddy).toContain(`@coder_auth_ui_pages path ${APP_PAGES.join(" ")}\n`);
    for (const [from, to] of Object.entries(APP_REDIRECTS)) {
      expect(caddy).toContain(`handle ${from} {`);
      expect(caddy).toContain(`redir * ${to} 302`);
    }
    expect(caddy).toContain(`handle ${ASSET_PREFIX}* {`);
    expect(caddy).toContain(`path ${SSO_CALLBACK_PATHS.join(" ")}`);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(caddy).toContain(`${name} "${value}"`);
    }
  });
});
