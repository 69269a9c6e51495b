// Which build is running, for a user (the pages' footer), an operator (`GET /auth-ui/version.json`)
// and the smoke check (`<meta name="generator">` marks a page as ours). The version comes from
// package.json; the commit from SOURCE_COMMIT (set it where the build has no .git, such as an
// image build) or git. Only the version goes into the code: a commit or a time there would give
// every chunk a new name on every build, and a file whose name survives an upgrade is one an
// open page can still load.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";
import { ASSET_PREFIX } from "../src/app/owned-routes.ts";

interface BuildVersion {
  version: string;
  commit: string | null;
  built_at: string;
}

/** Where the build writes its version, under the build's files. */
export const VERSION_FILE = `${ASSET_PREFIX}version.json`;

/** The name the pages carry in `<meta name="generator">`. */
export const GENERATOR = "coder-auth-ui";

function packageVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: string };
  return pkg.version ?? "0.0.0";
}

function gitCommit(root: string): string | null {
  const given = process.env.SOURCE_COMMIT?.trim();
  if (given) return given;
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

/** Adds the generator tag to a page's head. */
function addGeneratorMeta(html: string, version: string): string {
  const meta = `<meta name="generator" content="${GENERATOR} ${version.replace(/[^\w.+-]/g, "")}" />`;
  return html.replace(/<\/head>/i, `  ${meta}\n  </head>`);
}

export function buildVersion(root = join(import.meta.dirname, "..")): Plugin {
  const version = packageVersion(root);
  return {
    name: "build-version",
    config: () => ({ define: { "import.meta.env.VITE_AUTH_UI_VERSION": JSON.stringify(version) } }),
    transformIndexHtml: (html) => addGeneratorMeta(html, version),
    generateBundle() {
      const info: BuildVersion = {
        version,
        commit: gitCommit(root),
        built_at: new Date().toISOString(),
      };
      this.emitFile({
        type: "asset",
        fileName: VERSION_FILE.slice(1),
        source: `${JSON.stringify(info, null, 2)}\n`,
      });
    },
  };
}
