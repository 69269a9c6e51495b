// After `vite build`: render the signed-out pages into copies of dist/index.html, so each is
// painted from static HTML at once. The client then renders the same page over it (see
// src/app/static-handoff.ts), keeping anything typed in the meantime.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import react from "@vitejs/plugin-react";
import { createServer } from "vite";
import type * as Prerender from "../src/app/prerender.tsx";

const dist = join(import.meta.dirname, "..", "dist");
const server = await createServer({
  configFile: false,
  root: join(import.meta.dirname, ".."),
  plugins: [react()],
  server: { middlewareMode: true, hmr: false },
  appType: "custom",
  logLevel: "error",
});
try {
  const { prerenderedPages, renderPage } = (await server.ssrLoadModule(
    "/src/app/prerender.tsx",
  )) as typeof Prerender;
  const shell = await readFile(join(dist, "index.html"), "utf8");
  for (const page of prerenderedPages) {
    const markup = await renderPage(page);
    const html = shell
      .replace(/<title>[^<]*<\/title>/, `<title>${page.title}</title>`)
      .replace(/(<p class="noscript">)[^<]*(<\/p>)/, `$1${page.noscript}$2`)
      .replace(
        '<div id="root"></div>',
        `<div id="root" data-prerendered="${page.path}">${markup}</div>`,
      );
    if (html === shell) throw new Error("index.html has no empty #root to fill");
    const target = join(dist, page.file);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, html);
    console.log(`prerendered ${page.path} → dist/${page.file} (${markup.length} bytes of markup)`);
  }
} finally {
  await server.close();
}
