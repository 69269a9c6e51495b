// docs/copy.md names each action and message once; this holds the UI to it. Every phrase in
// backticks there (other than paths and phrases with a {placeholder}) must appear in the app's
// source, and none of the phrases under "Words we don't use" may.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const doc = readFileSync(join(root, "docs", "copy.md"), "utf8");
const [said = "", retired = ""] = doc.split(/^## Words we don't use$/m);

function phrases(markdown: string): string[] {
  return Array.from(markdown.matchAll(/`([^`]+)`/g), (m) => m[1] as string).filter(
    (phrase) =>
      /[A-Za-z]/.test(phrase) &&
      !phrase.includes("{") &&
      !phrase.startsWith("/") &&
      !phrase.startsWith("src/") &&
      !phrase.endsWith(".ts"),
  );
}

/** The app's own source (what reaches the browser), tests and fixtures left out. */
function sourceText(dir: string): string {
  let text = "";
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "testing") text += sourceText(path);
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      text += `${readFileSync(path, "utf8")}\n`;
    }
  }
  return text;
}

// JSX wraps long text over lines; compare with whitespace runs as single spaces.
const squash = (text: string) => text.replace(/\s+/g, " ");
const source = squash(
  sourceText(join(root, "src")) + readFileSync(join(root, "index.html"), "utf8"),
);

describe("docs/copy.md", () => {
  it("lists phrases at all (the parser found the tables)", () => {
    expect(phrases(said).length).toBeGreaterThan(30);
    expect(phrases(retired).length).toBeGreaterThan(5);
  });

  it.each(phrases(said))("the UI says %j", (phrase) => {
    expect(source.includes(squash(phrase)), phrase).toBe(true);
  });

  it.each(phrases(retired))("the UI no longer says %j", (phrase) => {
    expect(source.includes(squash(phrase)), phrase).toBe(false);
  });
});
