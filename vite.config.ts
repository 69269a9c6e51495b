import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { coderFrontDoor } from "./server/vite-dev.ts";
import { ASSET_PREFIX } from "./src/app/owned-routes.ts";

export default defineConfig({
  plugins: [react(), coderFrontDoor()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  build: {
    target: "es2022",
    // Under our own prefix: Coder serves its own bundles from /assets/ on the same origin.
    assetsDir: ASSET_PREFIX.slice(1, -1),
    // Keep the module-preload polyfill out: every browser we support has modulepreload, and the
    // polyfill is an inline script, which the strict CSP forbids.
    modulePreload: { polyfill: false },
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Few, cacheable chunks instead of a dozen tiny ones: every page needs the framework, every
        // form the form kit, and per-request overhead matters more than a few shared bytes.
        codeSplitting: {
          groups: [
            {
              name: "framework",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
            },
            { name: "forms", test: /node_modules[\\/](react-hook-form|@hookform|zod)[\\/]/ },
            { name: "shared", test: /src[\\/](components|api|forms|lib)[\\/]/, minShareCount: 2 },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "mock/**/*.test.ts", "server/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "dom",
          include: ["src/**/*.test.tsx"],
          environment: "jsdom",
          setupFiles: ["./vitest.setup.ts"],
        },
      },
    ],
  },
});
