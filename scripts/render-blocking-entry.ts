// The entry script readies the prerendered page before anyone can use it: it makes Show/Hide and
// an early submit work, and keeps room for the sign-in providers seen last time
// (src/app/static-page-controls.ts). A module script runs after the document is parsed, which
// can be after the first frame: the room then appears under the reader's eyes (a layout shift of
// 0.09 in Lighthouse on a second visit) and the first clicks do nothing. `blocking="render"`
// holds the first frame until the script has run; it is small (about 2 KB) and downloads
// beside the stylesheet, which holds the frame anyway. Browsers without the attribute ignore it.
// Vite writes the entry's tag itself, so the attribute is added to what it wrote.
import type { Plugin } from "vite";

/** Adds `blocking="render"` to the page's entry script (not to Vite's dev client). */
export function markEntryRenderBlocking(html: string): string {
  return html.replace(
    /<script type="module"(?![^>]*\bblocking=)(?=[^>]*\bsrc="(?![^"]*@vite)[^"]*")/,
    '<script type="module" blocking="render"',
  );
}

export function renderBlockingEntry(): Plugin {
  return {
    name: "render-blocking-entry",
    transformIndexHtml: { order: "post", handler: markEntryRenderBlocking },
  };
}
