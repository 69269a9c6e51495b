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
});
