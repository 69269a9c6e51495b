import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { buildVersion } from "./scripts/build-version.ts";
import { prerenderInDev } from "./scripts/dev-prerender.ts";
import { reactRouterShake } from "./scripts/react-router-shake.ts";
import { renderBlockingEntry } from "./scripts/render-blocking-entry.ts";
import { coderFrontDoor } from "./server/vite-dev.ts";
import { ASSET_PREFIX } from "./src/app/owned-routes.ts";

/**
 * The route table's own tests watch lazy pages download, and the stand-in tests watch a form's
 * code arrive: both need modules no other file has loaded yet in the same worker. With the real
 * DeferredForm (the other DOM tests' pages wait for their form's code: vitest.setup.forms.ts).
 */
const ISOLATED_DOM_TESTS = [
  "src/app/router.test.tsx",
  "src/components/DeferredForm.test.tsx",
  "src/components/new-build.test.tsx",
  "src/**/*.stand-in.test.tsx",
];
const OWN_SHARED = /src[\\/](components|api|forms|lib|session|sso)[\\/]/;
const NEW_PASSWORD =
  /src[\\/](password[\\/]|forms[\\/](password-fields|password-advice)|components[\\/](NewPasswordField|usePasswordVerdict|useDebouncedValue)|api[\\/]passwords)/;
/**
 * Ours, but used only by form code that loads on first use (DeferredForm) or by the signed-in
 * pages (a page inside Coder's account settings: the user's theme, what the settings navigation
 * depends on): kept out of "shared", which every page loads, and left with the chunks that use
 * them. (A group of their own would take the modules they import along, shared ones included.)
 */
const FORM_CODE =
  /src[\\/](forms[\\/](server-errors|names|fields)|components[\\/]Dialog|api[\\/]account-settings|lib[\\/]theme)\./;
/**
 * What the entry script shares with the app: Vite's preload helper, the sign-in page's
 * messages, which the entry shows before the first frame, the recovery from a new build
 * deployed under an open page (components/new-build.ts), and what a press is (components/press.ts:
 * the entry marks presses, the app finishes or waits for them). One chunk, so that the entry, which
 * blocks rendering, waits for one file besides itself.
 */
const ENTRY_SHARED =
  /(vite[\\/]preload-helper|src[\\/]session[\\/]login-messages\.|src[\\/]components[\\/](new-build|press)\.)/;

export default defineConfig({
  plugins: [
    react(),
    reactRouterShake(),
    coderFrontDoor(),
    prerenderInDev(),
    renderBlockingEntry(),
    buildVersion(),
  ],
  server: {
    port: 5173,
    strictPort: false,
    // What the tests, the build and the bench write is no source: a change there must not reload
    // the open pages (a Playwright run writes its report while `npm run dev` is up).
    watch: {
      ignored: [
        "**/playwright-report/**",
        "**/test-results/**",
        "**/dist/**",
        "**/dist-maps/**",
        "**/coverage/**",
        "**/mutation-logs/**",
        "**/bench/results/**",
      ],
    },
  },
  preview: { port: 4173 },
  build: {
    target: "es2022",
    // Under our own prefix: Coder serves its own bundles from /assets/ on the same origin.
    assetsDir: ASSET_PREFIX.slice(1, -1),
    // Keep the module-preload polyfill out: every browser we support has modulepreload, and the
    // polyfill is an inline script, which the strict CSP forbids.
    modulePreload: { polyfill: false },
    // Maps for us, not for the public: no sourceMappingURL in the files, and the build moves the
    // maps out of dist/ into dist-maps/ (scripts/precompress.ts).
    sourcemap: "hidden",
    rolldownOptions: {
      output: {
        // Few, cacheable chunks instead of a dozen tiny ones, grouped by when a page needs them.
        // The first matching group takes a module, with the modules it imports.
        codeSplitting: {
          groups: [
            { name: "entry-shared", test: ENTRY_SHARED },
            {
              // Every page at load: React, the router, TanStack Query.
              name: "framework",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
            },
            {
              // Only once a form is used (DeferredForm): its state and validation (zod; the API
              // client checks responses without it, src/api/shape.ts).
              name: "forms",
              test: /node_modules[\\/](react-hook-form|@hookform|zod)[\\/]/,
            },
            {
              // Our own modules used by more than one page (the app shell's among them).
              name: "shared",
              test: (id) => OWN_SHARED.test(id) && !NEW_PASSWORD.test(id) && !FORM_CODE.test(id),
              minShareCount: 2,
            },
            {
              // Only pages that set a password: Coder's rule, the live strength meter and the
              // server's second opinion. Not the sign-in page.
              name: "new-password",
              test: NEW_PASSWORD,
            },
          ],
        },
      },
    },
  },
  test: {
    // Component tests drive whole pages with lazy chunks; a busy 2-core machine needs headroom.
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "src/**/*.test.ts",
            "mock/**/*.test.ts",
            "server/**/*.test.ts",
            "bench/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
          environment: "node",
          // One module graph per worker instead of per file: 2.4× faster on 2 cores. Tests leave
          // no state behind (vitest.setup.ts cleans the page; the mock is reset per test).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "dom",
          include: ["src/**/*.test.tsx"],
          exclude: ISOLATED_DOM_TESTS,
          environment: "jsdom",
          setupFiles: ["./vitest.setup.ts", "./vitest.setup.forms.ts"],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "dom-isolated",
          include: ISOLATED_DOM_TESTS,
          environment: "jsdom",
          setupFiles: ["./vitest.setup.ts"],
        },
      },
    ],
  },
});
