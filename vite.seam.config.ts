// The seam script (src/seam/coder-seam.ts), built on its own after the app: one classic script
// with a stable name, dist/auth-ui/coder-seam.js, that the front door adds to Coder's HTML. Not
// part of the app's module graph, so it shares no chunk (and no hash) with the app's code.
import { defineConfig } from "vite";
import { SEAM_SCRIPT_PATH } from "./server/front-door.ts";
import { ASSET_PREFIX } from "./src/app/owned-routes.ts";

export default defineConfig({
  build: {
    target: "es2022",
    outDir: `dist${ASSET_PREFIX}`,
    emptyOutDir: false,
    copyPublicDir: false,
    sourcemap: "hidden",
    lib: {
      entry: "src/seam/coder-seam.ts",
      formats: ["iife"],
      name: "coderAuthUiSeam",
      fileName: () => SEAM_SCRIPT_PATH.slice(ASSET_PREFIX.length),
    },
  },
});
