// `npm run dev` paints the signed-out pages from static HTML too, as the build does: the page
// shows at once instead of after ~50 module requests, and the app takes over exactly as in
// production (src/app/static-handoff.ts). The markup is rendered per request, from the real URL,
// with the current source (Vite's SSR module graph follows edits). Dev server only.
import type { Plugin, ViteDevServer } from "vite";
import type * as Prerender from "../src/app/prerender.tsx";
import { fillShell } from "./prerender-html.ts";

const ENTRY = "/src/app/prerender.tsx";

const load = (server: ViteDevServer) => server.ssrLoadModule(ENTRY) as Promise<typeof Prerender>;

export function prerenderInDev(): Plugin {
  return {
    name: "prerender-in-dev",
    apply: "serve",
    configureServer(server) {
      // Load the renderer as soon as the server listens, so the first page request finds it
      // ready or half-way. Only that: rendering every page here would delay the one asked for.
      server.httpServer?.once("listening", () => {
        load(server).catch(() => undefined); // the request loads it again, and reports the error
      });
    },
    transformIndexHtml: {
      order: "post",
      async handler(html, { path, originalUrl, server }) {
        if (!server) return html;
        const url = originalUrl ?? path;
        const pathname = new URL(url, "http://dev.invalid").pathname;
        try {
          const { prerenderedPages, renderPage } = await load(server);
          const page = prerenderedPages.find((p) => p.path === pathname);
          if (!page) return html;
          return fillShell(html, page, await renderPage({ ...page, sample: url }));
        } catch (error) {
          // A page that can't render on the server still works: the client renders it.
          server.config.logger.warn(`[prerender] ${pathname}: ${String(error)}`);
          return html;
        }
      },
    },
  };
}
