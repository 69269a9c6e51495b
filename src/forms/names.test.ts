import { describe, expect, it } from "vitest";
import type * as z from "zod/mini";
import { fullNameField, isValidUsername, suggestUsername, usernameField } from "./names.ts";

function messages(schema: z.ZodMiniType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("usernameField", () => {
  it.each([
    ["a"],
    ["ada"],
    ["Ada-Lovelace"],
    ["ada-l-2"],
    ["1"],
    ["a".repeat(32)],
    // Reserved words are exact and case-sensitive in Go's NameValid.
    ["New"],
    ["newer"],
  ])("accepts %j, as Coder's NameValid does", (name) => {
    expect(messages(usernameField, name)).toEqual([]);
    expect(isValidUsername(name)).toBe(true);
  });

  it.each([
    ["-ada"],
    ["ada-"],
    ["ada--l"],
    ["ada l"],
    ["ada_l"],
    ["ada.l"],
    ["adé"],
    ["a".repeat(33)],
    ["new"],
    ["create"],
  ])("refuses %j, as Coder's NameValid does", (name) => {
    expect(messages(usernameField, name)).not.toEqual([]);
    expect(isValidUsername(name)).toBe(false);
  });

  it("says one thing at a time, the most useful first", () => {
    expect(messages(usernameField, "")[0]).toBe("Choose a username.");
    expect(messages(usernameField, "a".repeat(33))[0]).toBe("Use at most 32 characters.");
    expect(messages(usernameField, "new")[0]).toBe(
      "Coder keeps this name for itself; choose another.",
    );
    expect(messages(usernameField, "ada l")[0]).toMatch(/^Use only letters, digits and single/);
  });

  it("ignores surrounding spaces", () => {
    expect(usernameField.parse("  ada  ")).toBe("ada");
  });
});

describe("fullNameField", () => {
  it("is optional and trimmed", () => {
    expect(fullNameField.parse("")).toBe("");
    expect(fullNameField.parse("  Ada Lovelace ")).toBe("Ada Lovelace");
  });

  it("counts UTF-8 bytes, as Go's len() does", () => {
    expect(messages(fullNameField, "é".repeat(64))).toEqual([]);
    expect(messages(fullNameField, `${"é".repeat(64)}a`)).toEqual([
      "Use at most 128 bytes (accented letters count 2, emoji 4).",
    ]);
    expect(messages(fullNameField, "a".repeat(128))).toEqual([]);
  });
});

describe("suggestUsername", () => {
  it.each([
    ["", ""],
    ["   ", ""],
    ["a", "a"],
    ["ada", "ada"],
    ["ada.lovelace", "ada-lovelace"],
    ["ada.lovelace@", "ada-lovelace"],
    ["Ada.Lovelace@example.com", "ada-lovelace"],
    ["ada+coder@example.com", "ada-coder"],
    ["__ada__@example.com", "ada"],
    ["ada..l@example.com", "ada-l"],
    ['"ada@home"@example.com', "ada-home"],
    ["zoë@example.com", "zoe"],
    ["new@example.com", "new-admin"],
    ["create@example.com", "create-admin"],
    ["@example.com", ""],
    ["李@example.com", "admin"],
    [`${"a".repeat(31)}.b@example.com`, "a".repeat(31)],
    [`${"a".repeat(40)}@example.com`, "a".repeat(32)],
  ])("%j → %j", (email, expected) => {
    expect(suggestUsername(email)).toBe(expected);
  });

  it("only ever suggests names Coder accepts", () => {
    const samples = [
      "x@y.z",
      "first.last+tag@sub.example.org",
      "-._~@example.com",
      "ÄÖÜ.ß@example.com",
      "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r@example.com",
      "😀@example.com",
    ];
    for (const email of samples) {
      const name = suggestUsername(email);
      expect(isValidUsername(name), `${email} → ${name}`).toBe(true);
    }
  });
});
