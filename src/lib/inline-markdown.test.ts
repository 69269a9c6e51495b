import { describe, expect, it } from "vitest";
import { type InlineNode, parseInlineMarkdown, plainText } from "./inline-markdown.ts";

const text = (value: string): InlineNode => ({ kind: "text", text: value });

describe("parseInlineMarkdown", () => {
  it("keeps plain text as it is, markup included", () => {
    expect(parseInlineMarkdown("Maintenance on Sunday, 02:00 UTC")).toEqual([
      text("Maintenance on Sunday, 02:00 UTC"),
    ]);
    expect(parseInlineMarkdown('<img src=x onerror="alert(1)"> & <b>bold</b>')).toEqual([
      text('<img src=x onerror="alert(1)"> & <b>bold</b>'),
    ]);
  });

  it("reads strong, emphasis and code", () => {
    expect(parseInlineMarkdown("**Heads up:** the *new* `coder` CLI")).toEqual([
      { kind: "strong", children: [text("Heads up:")] },
      text(" the "),
      { kind: "em", children: [text("new")] },
      text(" "),
      { kind: "code", text: "coder" },
      text(" CLI"),
    ]);
    expect(parseInlineMarkdown("__strong__ and _em_")).toEqual([
      { kind: "strong", children: [text("strong")] },
      text(" and "),
      { kind: "em", children: [text("em")] },
    ]);
    expect(parseInlineMarkdown("*a **b** c*")).toEqual([
      { kind: "em", children: [text("a "), { kind: "strong", children: [text("b")] }, text(" c")] },
    ]);
  });

  it("leaves what is not emphasis alone", () => {
    for (const literal of [
      "snake_case_names stay",
      "2 * 3 * 4",
      "an *unclosed star",
      "a ** b ** c",
      "price: 5*",
    ])
      expect(parseInlineMarkdown(literal), literal).toEqual([text(literal)]);
    expect(parseInlineMarkdown("\\*not emphasis\\*")).toEqual([text("*not emphasis*")]);
    expect(parseInlineMarkdown("code `stays *literal*` here")).toEqual([
      text("code "),
      { kind: "code", text: "stays *literal*" },
      text(" here"),
    ]);
  });

  it("links only to absolute http(s) URLs", () => {
    expect(parseInlineMarkdown("See [the status page](https://status.acme.example/now).")).toEqual([
      text("See "),
      {
        kind: "link",
        href: "https://status.acme.example/now",
        children: [text("the status page")],
      },
      text("."),
    ]);
    expect(parseInlineMarkdown("[**bold** link](http://acme.example)")).toEqual([
      {
        kind: "link",
        href: "http://acme.example/",
        children: [{ kind: "strong", children: [text("bold")] }, text(" link")],
      },
    ]);
    for (const target of [
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "data:text/html,x",
      "/relative",
      "//evil.example",
      "vbscript:x",
    ]) {
      const nodes = parseInlineMarkdown(`[click me](${target}) now`);
      expect(plainText(nodes), target).toBe("click me now");
      expect(JSON.stringify(nodes), target).not.toContain('"link"');
    }
  });

  it("never nests a link in a link, and treats a broken link as text", () => {
    const nested = parseInlineMarkdown("[a [b](https://b.example) c](https://a.example)");
    expect(nested).toHaveLength(1);
    const outer = nested[0] as Extract<InlineNode, { kind: "link" }>;
    expect(outer.href).toBe("https://a.example/");
    expect(JSON.stringify(outer.children)).not.toContain('"link"');
    expect(parseInlineMarkdown("[not a link] (https://x.example)")).toEqual([
      text("[not a link] (https://x.example)"),
    ]);
    expect(parseInlineMarkdown("[spaces](https://x.example/a b)")).toEqual([
      text("[spaces](https://x.example/a b)"),
    ]);
  });

  it("makes one line of several, and cuts what is far too long", () => {
    expect(parseInlineMarkdown("line one\n  line two\r\nthree")).toEqual([
      text("line one line two three"),
    ]);
    expect(plainText(parseInlineMarkdown("x".repeat(10_000)))).toHaveLength(4000);
  });

  it("copes with pathological input quickly", () => {
    const started = performance.now();
    parseInlineMarkdown("*_[`".repeat(1000));
    parseInlineMarkdown("[".repeat(3000) + "](".repeat(500));
    parseInlineMarkdown("_a ".repeat(1300));
    parseInlineMarkdown("[a](".repeat(1000));
    // A few milliseconds each on an idle machine; the bound leaves room for a busy one.
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
