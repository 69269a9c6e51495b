// The committed deployment configs are what the owned-routes list says they are.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APP_PAGES, APP_REDIRECTS, ASSET_PREFIX } from "../src/app/owned-routes.ts";
import { DEPLOY_FILES, renderAll, TEMPLATE_VARIABLES } from "./deploy-config.ts";
import { SSO_CALLBACK_PATHS, SSO_FAILURE_STATUSES } from "./front-door.ts";
import { SECURITY_HEADERS } from "./headers.ts";

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

describe.each([
  ["nginx", renderAll().nginx],
  ["nginx with Brotli", renderAll().nginxBrotli],
])("the %s template", (_name, conf) => {
  it("uses exactly the three documented variables, and no other envsubst-looking text", () => {
    const variables = new Set([...conf.matchAll(/\$\{([A-Za-z_]+)\}/g)].map((m) => m[1]));
    expect([...variables].sort()).toEqual([...TEMPLATE_VARIABLES].sort());
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
    expect(conf).toContain(`location / {\n        proxy_pass $\{CODER_UPSTREAM};`);
    expect(conf).toContain("proxy_set_header Upgrade $http_upgrade;");
    expect(conf).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
  });
});

describe("the Brotli variant", () => {
  it("differs from the plain one by brotli_static only", () => {
    const { nginx, nginxBrotli } = renderAll();
    expect(nginx).not.toContain("brotli_static");
    const withoutBrotli = nginxBrotli
      .split("\n")
      .filter((line) => !line.includes("brotli_static on;"))
      .join("\n");
    const body = (text: string) => text.slice(text.indexOf("\nmap "));
    expect(body(withoutBrotli)).toBe(body(nginx));
  });
});

describe("the Caddyfile", () => {
  const caddy = renderAll().caddy;
  it("uses the same three variables", () => {
    const variables = new Set([...caddy.matchAll(/\{\$([A-Z_]+)\}/g)].map((m) => m[1]));
    expect([...variables].sort()).toEqual([...TEMPLATE_VARIABLES].sort());
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
