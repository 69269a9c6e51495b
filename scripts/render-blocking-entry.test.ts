import { describe, expect, it } from "vitest";
import { markEntryRenderBlocking } from "./render-blocking-entry.ts";

describe("markEntryRenderBlocking", () => {
  it("marks the built entry script", () => {
    const html = `<head><script type="module" crossorigin src="/auth-ui/index-Ab1.js"></script>
<link rel="modulepreload" crossorigin href="/auth-ui/preload-helper-X.js"></head>`;
    expect(markEntryRenderBlocking(html)).toContain(
      '<script type="module" blocking="render" crossorigin src="/auth-ui/index-Ab1.js">',
    );
  });

  it("leaves Vite's dev client alone and marks the entry after it", () => {
    const html = `<script type="module" src="/@vite/client"></script>
<script type="module" src="/src/boot.ts"></script>`;
    expect(markEntryRenderBlocking(html)).toBe(`<script type="module" src="/@vite/client"></script>
<script type="module" blocking="render" src="/src/boot.ts"></script>`);
  });

  it("marks once", () => {
    const once = markEntryRenderBlocking('<script type="module" src="/a.js"></script>');
    expect(markEntryRenderBlocking(once)).toBe(once);
  });
});
