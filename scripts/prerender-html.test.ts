import { describe, expect, it } from "vitest";
import { fillShell } from "./prerender-html.ts";

const SHELL = `<html><head><title>Coder</title></head><body><div id="root"></div></body></html>`;

describe("fillShell", () => {
  it("puts the markup into #root, records the route, and titles the page", () => {
    const html = fillShell(
      SHELL,
      { path: "/login", title: "Sign in to Coder" },
      "<main>form</main>",
    );
    expect(html).toContain("<title>Sign in to Coder</title>");
    expect(html).toContain('<div id="root" data-prerendered="/login"><main>form</main></div>');
  });

  it("refuses a shell without an empty #root rather than write a page without the form", () => {
    expect(() =>
      fillShell("<html><body></body></html>", { path: "/login", title: "x" }, "m"),
    ).toThrow(/no empty #root/);
  });

  it("words the no-script line for the page, and keeps the shell's when the page has none", () => {
    const shell = `<noscript><p class="noscript">This page needs JavaScript.</p></noscript><div id="root"></div>`;
    const page = { path: "/login", title: "t", noscript: "Signing in needs JavaScript." };
    expect(fillShell(shell, page, "m")).toContain(
      '<p class="noscript">Signing in needs JavaScript.</p>',
    );
    expect(fillShell(shell, { path: "/login", title: "t" }, "m")).toContain(
      '<p class="noscript">This page needs JavaScript.</p>',
    );
  });

  // Issue 21: the line sat far below the card, under the whole page.
  it("puts the page's line into its card where the card marks it, and only there", () => {
    const shell = `<div id="root"></div><noscript><p class="noscript">This page needs JavaScript.</p></noscript>`;
    const page = { path: "/login", title: "t", noscript: "Signing in needs JavaScript." };
    const html = fillShell(
      shell,
      page,
      '<main class="card"><h1>Sign in</h1><template data-noscript-slot=""></template><form></form></main>',
    );
    expect(html).toBe(
      '<div id="root" data-prerendered="/login"><main class="card"><h1>Sign in</h1><noscript><p class="noscript">Signing in needs JavaScript.</p></noscript><form></form></main></div>',
    );
  });
});
