// The entry script readies the prerendered page before anyone can use it: it shows the message
// `/login?message=` names and makes Show/Hide and an early submit work
// (src/app/static-page-controls.ts). A module script runs after the document is parsed, which
// can be after the first frame: the message would then appear under the reader's eyes and push
// the form down, and the first clicks would do nothing. `blocking="render"` holds the first
// frame until the script has run; it is small (about 2 KB) and downloads beside the stylesheet,
// which holds the frame anyway. Browsers without the attribute ignore it.
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
