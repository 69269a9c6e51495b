import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { build, type Rolldown } from "vite";
import { describe, expect, it } from "vitest";
import { reactRouterShake, shakeableReactRouter } from "./react-router-shake.ts";

const ROOT = join(import.meta.dirname, "..");

/** A bundle of one module that uses React Router the way the app does: hooks, no <Link>. */
async function bundle(withPlugin: boolean): Promise<string> {
  // Inside the project, so that "react-router" resolves to the installed package.
  const dir = await mkdtemp(join(ROOT, "node_modules", ".rr-shake-"));
  try {
    const entry = join(dir, "entry.js");
    await writeFile(
      entry,
      'import { BrowserRouter, useHref, useLinkClickHandler } from "react-router";\n' +
        "export { BrowserRouter, useHref, useLinkClickHandler };\n",
    );
    const result = await build({
      configFile: false,
      root: ROOT,
      logLevel: "silent",
      plugins: withPlugin ? [reactRouterShake()] : [],
      // The production build of React Router, as in the app's build (Vitest runs as "test").
      resolve: { conditions: ["module", "browser", "production"] },
      build: {
        write: false,
        minify: false,
        rolldownOptions: {
          input: entry,
          preserveEntrySignatures: "strict",
          external: [/^react(-dom)?$/],
        },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    return outputs
      .flatMap((o) => o.output.map((chunk) => ("code" in chunk ? chunk.code : "")))
      .join("\n");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("React Router, shaken", () => {
  it("marks each forwardRef pure and drops the devtools names, and nothing else", () => {
    const code = [
      "const Link = React$1.forwardRef(function LinkWithRef(props, ref) {",
      '\treturn React$1.createElement("a", props);',
      "});",
      'Link.displayName = "Link";',
      'window.name = "kept";',
    ].join("\n");
    expect(shakeableReactRouter(code)).toBe(
      [
        "const Link = /* @__PURE__ */ React$1.forwardRef(function LinkWithRef(props, ref) {",
        '\treturn React$1.createElement("a", props);',
        "});",
        "",
        'window.name = "kept";',
      ].join("\n"),
    );
  });

  it("leaves <Link>, <NavLink> and <Form> out of a bundle that renders none of them", async () => {
    const [plain, shaken] = [await bundle(false), await bundle(true)];
    // The control: without the plugin the unused components come along.
    expect(plain).toContain("function LinkWithRef(");
    for (const unused of [
      "function LinkWithRef(",
      "function NavLinkWithRef(",
      "function ScrollRestoration(",
      "function PrefetchPageLinks(",
    ])
      expect(shaken).not.toContain(unused);
    // What the app uses stays.
    expect(shaken).toContain("function useLinkClickHandler");
    expect(shaken).toContain("function BrowserRouter");
    expect(shaken.length).toBeLessThan(plain.length * 0.8);
  }, 60_000);
});
