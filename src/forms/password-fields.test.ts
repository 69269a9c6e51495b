import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { validatePassword } from "../password/index.ts";
import vectors from "../password/password.vectors.json" with { type: "json" };
import {
  confirmationMatches,
  confirmPasswordField,
  newPasswordField,
  type ServerVerdict,
} from "./password-fields.ts";
import { describeRuleFailure } from "./rule-failure.ts";

type Vector = { password: string; entropy: number; valid: boolean; details: string };
const VECTORS: Vector[] = vectors;

const TOO_LONG = "password must be no more than 64 characters";
const INSECURE =
  "insecure password, try including more special characters, using uppercase letters, using numbers or using a longer password";
const TOO_LONG_WORDS =
  "This password is too long: at most 64 bytes (accented letters count 2, emoji 4).";
const TOO_EASY_WORDS =
  "This password is too easy to guess. Make it longer or mix in other kinds of characters.";

const WEAK = "asdfgq";
const STRONG = "Xq7!pL_2#vR9mK4z";

/** The messages a schema gives for one value, in order. */
function messages(schema: z.ZodMiniType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("newPasswordField without a server verdict", () => {
  const schema = newPasswordField();

  it("accepts and rejects exactly as validatePassword on every shared vector", () => {
    const disagreeing = VECTORS.flatMap((v, i) => {
      const accepted = schema.safeParse(v.password).success;
      return accepted === validatePassword(v.password).valid && accepted === v.valid
        ? []
        : [`#${i} ${JSON.stringify(v.password)}`];
    });
    expect(disagreeing).toEqual([]);
  });

  it("says, in plain words, what the server's sentence says", () => {
    const failing = VECTORS.filter((v) => !v.valid && v.password !== "");
    for (const v of failing) {
      expect(messages(schema, v.password)).toEqual([describeRuleFailure(v.details)]);
    }
    // Both of the server's sentences occur among the vectors.
    expect(new Set(failing.map((v) => describeRuleFailure(v.details)))).toEqual(
      new Set([TOO_LONG_WORDS, TOO_EASY_WORDS]),
    );
  });

  it("judges hand-picked passwords as the server would", () => {
    expect(messages(schema, WEAK)).toEqual([TOO_EASY_WORDS]);
    expect(messages(schema, STRONG)).toEqual([]);
    // The limit is 64 bytes, not characters: 16 ASCII + 24 × é (2 bytes each) is exactly 64.
    const accents = `${STRONG}${"é".repeat(24)}`;
    expect(new TextEncoder().encode(accents)).toHaveLength(64);
    expect(messages(schema, accents)).toEqual([]);
    expect(messages(schema, `${accents}a`)).toEqual([TOO_LONG_WORDS]);
    // An emoji is 4 bytes (and 2 UTF-16 units): 12 fit after 16 ASCII bytes, a 13th does not.
    expect(messages(schema, `${STRONG}${"😀".repeat(12)}`)).toEqual([]);
    expect(messages(schema, `${STRONG}${"😀".repeat(13)}`)).toEqual([TOO_LONG_WORDS]);
    // Entropy is judged before length, as the server does.
    expect(messages(schema, "a".repeat(65))).toEqual([TOO_EASY_WORDS]);
  });

  it("asks for a password, once, when there is none", () => {
    expect(messages(schema, "")).toEqual(["Enter a new password."]);
    // Where no password exists yet (the first account), in that page's words.
    expect(messages(newPasswordField(undefined, "Enter a password."), "")).toEqual([
      "Enter a password.",
    ]);
  });
});

describe("describeRuleFailure", () => {
  it("words both of the server's sentences plainly", () => {
    expect(describeRuleFailure(TOO_LONG)).toBe(TOO_LONG_WORDS);
    expect(describeRuleFailure(INSECURE)).toBe(TOO_EASY_WORDS);
  });

  it("passes an unknown sentence through, and never says nothing", () => {
    expect(describeRuleFailure("password must not contain your username")).toBe(
      "password must not contain your username",
    );
    expect(describeRuleFailure("")).toBe("This password isn't accepted.");
  });
});

describe("newPasswordField with a server verdict", () => {
  const withVerdict = (verdict: ServerVerdict | undefined) => newPasswordField(() => verdict);

  it("lets the server accept what the local rule rejects, for the same password", () => {
    const schema = withVerdict({ password: WEAK, valid: true, details: "" });
    expect(messages(schema, WEAK)).toEqual([]);
  });

  it("lets the server reject what the local rule accepts, in its own words", () => {
    expect(
      messages(withVerdict({ password: STRONG, valid: false, details: INSECURE }), STRONG),
    ).toEqual([TOO_EASY_WORDS]);
    expect(
      messages(withVerdict({ password: STRONG, valid: false, details: TOO_LONG }), STRONG),
    ).toEqual([TOO_LONG_WORDS]);
    const other = "password must not contain your username";
    expect(
      messages(withVerdict({ password: STRONG, valid: false, details: other }), STRONG),
    ).toEqual([other]);
  });

  it("ignores a verdict about a different password", () => {
    expect(messages(withVerdict({ password: `${WEAK}x`, valid: true, details: "" }), WEAK)).toEqual(
      [TOO_EASY_WORDS],
    );
    expect(
      messages(withVerdict({ password: `${STRONG}x`, valid: false, details: INSECURE }), STRONG),
    ).toEqual([]);
  });

  it("reads the verdict at validation time, so a form's schema can be built once", () => {
    let verdict: ServerVerdict | undefined;
    const schema = newPasswordField(() => verdict);
    expect(schema.safeParse(WEAK).success).toBe(false);
    verdict = { password: WEAK, valid: true, details: "" };
    expect(schema.safeParse(WEAK).success).toBe(true);
    verdict = undefined;
    expect(schema.safeParse(WEAK).success).toBe(false);
  });
});

describe("confirmation", () => {
  const schema = z
    .object({ password: newPasswordField(), confirm_password: confirmPasswordField })
    .check(confirmationMatches);

  const issues = (values: { password: string; confirm_password: string }) => {
    const result = schema.safeParse(values);
    return result.success
      ? []
      : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  };

  it("accepts a matching pair", () => {
    expect(issues({ password: STRONG, confirm_password: STRONG })).toEqual([]);
  });

  it("puts a mismatch on confirm_password", () => {
    expect(issues({ password: STRONG, confirm_password: `${STRONG}x` })).toEqual([
      { path: ["confirm_password"], message: "The passwords don't match." },
    ]);
  });

  it("still reports a mismatch when the new password itself is rejected", () => {
    expect(issues({ password: WEAK, confirm_password: "asdfg" })).toEqual([
      { path: ["password"], message: TOO_EASY_WORDS },
      { path: ["confirm_password"], message: "The passwords don't match." },
    ]);
  });

  it("asks for the confirmation instead of calling an empty one a mismatch", () => {
    expect(issues({ password: STRONG, confirm_password: "" })).toEqual([
      { path: ["confirm_password"], message: "Type the new password again." },
    ]);
  });

  it("compares exactly: case, spaces and Unicode forms all count", () => {
    expect(issues({ password: STRONG, confirm_password: STRONG.toLowerCase() })).toHaveLength(1);
    expect(issues({ password: `${STRONG} `, confirm_password: STRONG })).toHaveLength(1);
    // é precomposed versus e + combining acute: they look the same, the server compares bytes.
    const composed = `${STRONG}\u00e9`;
    const decomposed = `${STRONG}e\u0301`;
    expect(issues({ password: composed, confirm_password: decomposed })).toEqual([
      { path: ["confirm_password"], message: "The passwords don't match." },
    ]);
  });
});
