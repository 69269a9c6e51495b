// The import rules in biome.json, tried on real files: each forbidden import is flagged and each
// allowed one is not. Without this, a typo in a glob silently turns a boundary off.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const biome = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");

/**
 * [folder the probe sits in, import specifier, flagged?, the probe file's name ending (".ts"
 * unless said), the names it takes (all unless said)]
 */
const CASES: Array<[string, string, boolean, string?, string?]> = [
  // A form's View and stand-in: in the first download, so none of the form's own code.
  ["src/features/login", "react-hook-form", true, "FormView.tsx"],
  ["src/features/login", "zod/mini", true, "FormStandIn.tsx"],
  ["src/features/setup", "../../forms/names.ts", true, "FormView.tsx"],
  ["src/features/setup", "./trial-fields.tsx", true, "FormView.tsx"],
  ["src/features/reset-password", "../../components/NewPasswordField.tsx", true, "FormView.tsx"],
  ["src/features/login", "./LoginForm.tsx", true, "FormStandIn.tsx"],
  ["src/features/login", "../../components/PasswordField.tsx", false, "FormView.tsx"],
  ["src/features/login", "../../components/DeferredForm.tsx", false, "FormStandIn.tsx"],
  ["src/features/settings", "../login/LoginPage.tsx", true, "FormView.tsx"],
  // Features: shared modules yes, another feature or the mock no.
  ["src/features/login", "../../api/errors.ts", false],
  ["src/features/login", "../../components/Button.tsx", false],
  ["src/features/login", "../../session/login-messages.ts", false],
  ["src/features/login", "../../sso/providers.ts", false],
  ["src/features/login", "./LoginForm.tsx", false],
  ["src/features/settings", "../login/LoginPage.tsx", true],
  ["src/features/settings", "../reset-password/passcode.ts", true],
  ["src/features/reset-password", "../../features/login/LoginPage.tsx", true],
  ["src/features/settings", "../../../mock/model.ts", true],
  // The same from a folder inside a feature.
  ["src/features/login/boundary-probe-parts", "../LoginForm.tsx", false],
  ["src/features/login/boundary-probe-parts", "../../../api/errors.ts", false],
  ["src/features/login/boundary-probe-parts", "../../settings/SecurityPage.tsx", true],
  ["src/features/login/boundary-probe-parts", "../../../../mock/model.ts", true],
  // A View renders from props: no queries, no router state; links, shared UI and the feature's
  // own modules are fine, and the feature rules still hold.
  ["src/features/login", "@tanstack/react-query", false],
  ["src/features/login", "@tanstack/react-query", true, "PageView.tsx", "useQuery"],
  ["src/features/login", "react-router", true, "PageView.tsx", "Link"],
  ["src/features/login", "../../components/AppLink.tsx", false, "PageView.tsx"],
  // React Router's own links: anywhere in the app, AppLink instead.
  ["src/features/login", "react-router", true, ".tsx", "Link"],
  ["src/features/session", "react-router", true, ".tsx", "NavLink"],
  ["src/components", "react-router", true, ".tsx", "Link"],
  ["src/app", "react-router", true, ".tsx", "Link"],
  ["src/features/login", "react-router", false, ".tsx", "useNavigate"],
  ["src/components", "react-router", false, ".tsx", "useHref"],
  ["src/features/login", "react-router", true, "PageView.tsx", "useSearchParams"],
  ["src/features/login", "react-router", true, "PageView.tsx", "useNavigate"],
  ["src/features/login", "../../components/Button.tsx", false, "PageView.tsx"],
  ["src/features/login", "./SsoButtons.tsx", false, "PageView.tsx"],
  ["src/features/login", "../settings/SecurityPage.tsx", true, "PageView.tsx"],
  ["src/features/login", "../../../mock/model.ts", true, "PageView.tsx"],
  // Shared modules never reach up into pages.
  ["src/components", "../features/login/LoginPage.tsx", true],
  ["src/session", "../features/settings/SecurityPage.tsx", true],
  ["src/sso", "../features/login/SsoButtons.tsx", true],
  ["src/forms", "../../features/login/LoginForm.tsx", true],
  ["src/components", "../api/errors.ts", false],
  // Pure modules stay pure.
  ["src/lib", "react", true],
  ["src/password", "../api/schemas.ts", true],
  ["src/api", "../components/Button.tsx", true],
  // What every page loads at once stays free of the form libraries.
  ["src/api", "zod/mini", true],
  ["src/app", "react-hook-form", true],
  ["src/forms", "zod/mini", false],
  // The mock: only the password rule and the API schemas from the app.
  ["mock", "../src/password/index.ts", false],
  ["mock", "../src/api/schemas.ts", false],
  ["mock", "../src/components/Button.tsx", true],
  ["mock", "../src/app/router.tsx", true],
  ["mock", "../src/forms/fields.ts", true],
  ["mock", "../src/api/client.ts", true],
  ["mock", "../src/session/login-messages.ts", true],
  ["mock/routes", "../../src/features/login/LoginPage.tsx", true],
  ["mock", "react", true],
];

let flagged = new Set<string>();
const probes: string[] = [];
/** Folders made for a case (a feature's subfolder), removed afterwards. */
const made: string[] = [];

beforeAll(() => {
  // One probe file per case, in the folder whose rules it tries; one biome run for them all.
  CASES.forEach(([folder, specifier, , ending = ".ts", names], i) => {
    const dir = join(ROOT, folder);
    if (!existsSync(dir)) {
      mkdirSync(dir);
      made.push(dir);
    }
    const file = join(dir, `boundary-probe-${process.pid}-${i}${ending}`);
    writeFileSync(
      file,
      `export ${names ? `{ ${names} }` : "*"} from ${JSON.stringify(specifier)};\n`,
    );
    probes.push(file);
  });
  try {
    const run = spawnSync(
      process.execPath,
      [biome, "lint", "--reporter=json", "--only=style/noRestrictedImports", ...probes],
      { cwd: ROOT, encoding: "utf8" },
    );
    const report = JSON.parse(run.stdout) as {
      diagnostics: Array<{ category?: string; location?: { path?: string } }>;
    };
    flagged = new Set(
      report.diagnostics
        .filter((d) => d.category === "lint/style/noRestrictedImports")
        .map((d) => relative(ROOT, join(ROOT, d.location?.path ?? ""))),
    );
  } finally {
    cleanUp();
  }
}, 60_000);

function cleanUp() {
  for (const file of probes) rmSync(file, { force: true });
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
}
afterAll(cleanUp);

describe("module boundaries (biome noRestrictedImports)", () => {
  it.each(
    CASES.map(([folder, specifier, flagged, ending, names], i) => {
      const what = `${names ? `${names} from ` : ""}${specifier}${ending ? ` (in a *${ending})` : ""}`;
      return [folder, what, flagged, i] as const;
    }),
  )("%s importing %s: flagged %s", (_folder, _what, expected, i) => {
    expect(flagged.has(relative(ROOT, probes[i] ?? ""))).toBe(expected);
  });
});
