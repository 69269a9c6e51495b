import { describe, expect, it } from "vitest";
import vectors from "./password.vectors.json" with { type: "json" };
import { validatePassword } from "./rule.ts";
import { passwordStrength } from "./strength.ts";

describe("passwordStrength", () => {
  it("agrees with validatePassword on every vector", () => {
    const failing = vectors.flatMap((v, i) => {
      const s = passwordStrength(v.password);
      const same =
        s.valid === v.valid && s.details === v.details && Object.is(s.entropy, v.entropy);
      return same ? [] : [i];
    });
    expect(failing, "failing vector indexes").toEqual([]);
  });

  it("lists the groups the server would hint at, in its order", () => {
    expect(passwordStrength("").missingGroups).toEqual([
      "special",
      "lowercase",
      "uppercase",
      "numbers",
    ]);
    expect(passwordStrength("abc").missingGroups).toEqual(["special", "uppercase", "numbers"]);
    expect(passwordStrength("Aa1!_#")).toMatchObject({
      missingGroups: [],
      specialGroups: ["replace", "separator", "other"],
    });
    // Unclassified characters (é, full-width, backtick) satisfy no group.
    expect(passwordStrength("éＡ`").missingGroups).toEqual([
      "special",
      "lowercase",
      "uppercase",
      "numbers",
    ]);
  });

  it("keeps special missing until all three special groups appear", () => {
    expect(passwordStrength("Aa1!")).toMatchObject({
      missingGroups: ["special"],
      specialGroups: ["replace"],
    });
    expect(passwordStrength("Aa1 ")).toMatchObject({
      missingGroups: ["special"],
      specialGroups: ["separator"],
    });
    expect(passwordStrength("Aa1!#")).toMatchObject({
      missingGroups: ["special"],
      specialGroups: ["replace", "other"],
    });
  });

  it("counts bytes as the server decodes them", () => {
    expect(passwordStrength("a").bytes).toBe(1);
    expect(passwordStrength("é").bytes).toBe(2);
    expect(passwordStrength("€").bytes).toBe(3);
    expect(passwordStrength("😀").bytes).toBe(4);
    expect(passwordStrength("\ud800").bytes).toBe(3);
    expect(passwordStrength("\udc00\ud800").bytes).toBe(6);
    expect(passwordStrength("").bytes).toBe(0);
  });

  it("flags passwords over 64 bytes, whichever message the server gives first", () => {
    const strong = "Xq7!pL_2#vR9mK4z".repeat(5);
    expect(passwordStrength(strong.slice(0, 64))).toMatchObject({
      bytes: 64,
      maxBytes: 64,
      tooLong: false,
      valid: true,
    });
    expect(passwordStrength(strong.slice(0, 65))).toMatchObject({
      bytes: 65,
      tooLong: true,
      valid: false,
      details: "password must be no more than 64 characters",
      extraCharsNeeded: 0,
    });
    // Too long and too weak: the server names entropy, the meter still knows it is too long.
    expect(passwordStrength("a".repeat(65))).toMatchObject({ tooLong: true, valid: false });
    expect(passwordStrength("a".repeat(65)).details).toMatch(/^insecure password/);
  });

  it("estimates the characters still needed: exact for a steady base, 0 once enough", () => {
    // Lower case only: 4.7 bits a byte, so 12 unreduced letters make 56.4 bits and 11 make 51.7.
    const start = "qmzk";
    const need = passwordStrength(start).extraCharsNeeded;
    expect(need).toBe(8);
    const more = "wbrnhjyl";
    expect(validatePassword(start + more.slice(0, need)).valid).toBe(true);
    expect(validatePassword(start + more.slice(0, need - 1)).valid).toBe(false);
    expect(passwordStrength(start + more).extraCharsNeeded).toBe(0);
    // With no usable base yet, assume one bit per character.
    expect(passwordStrength("").extraCharsNeeded).toBe(52);
    expect(passwordStrength("ééé").extraCharsNeeded).toBe(52);
  });

  it("never asks for more characters as the password grows", () => {
    for (const target of [
      "correct horse battery staple",
      "Tr0ub4dor&3xyz!",
      "aaaaaaaaaaaabcdefg12345",
    ]) {
      let previous = Number.POSITIVE_INFINITY;
      for (let i = 0; i <= target.length; i++) {
        const s = passwordStrength(target.slice(0, i));
        expect(s.extraCharsNeeded, target.slice(0, i)).toBeLessThanOrEqual(previous);
        if (s.entropy >= s.requiredBits) expect(s.extraCharsNeeded).toBe(0);
        else expect(s.extraCharsNeeded).toBeGreaterThan(0);
        previous = s.extraCharsNeeded;
      }
    }
  });

  it("grades the meter from bits", () => {
    expect(passwordStrength("")).toMatchObject({ level: "too weak", score: 0, requiredBits: 52 });
    // Exactly 52.0 bits is the lowest passing grade.
    expect(passwordStrength("`\t".repeat(26))).toMatchObject({
      entropy: 52,
      level: "weak",
      score: 1,
    });
    expect(passwordStrength("kT9}mW4}zQ")).toMatchObject({ level: "weak", score: 1 }); // 63.9 bits
    expect(passwordStrength("4zTKibUxWeG")).toMatchObject({ level: "ok", score: 2 }); // 65.5 bits
    expect(passwordStrength("ABCDEFGHIJKLMNOPQRSTUVWXYZ")).toMatchObject({
      level: "strong",
      score: 3,
    });
  });
});
