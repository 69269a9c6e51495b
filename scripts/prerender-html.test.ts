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
});
