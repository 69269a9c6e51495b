import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { EMAIL_PATTERN, isEmailShaped } from "./email-pattern.ts";
import { emailField } from "./fields.ts";

const ADDRESSES = [
  "member@coder.com",
  " padded@coder.com ",
  "first.last+tag@sub.example.org",
  "o'brien@example.ie",
  "a@b",
  "no-at-sign.example.com",
  "two@@example.com",
  ".dot-first@example.com",
  "dots..twice@example.com",
  "name@example.c",
  "name@-example.com",
  "",
];

describe("the email pattern", () => {
  it("is zod's own", () => {
    const zods = new RegExp(z.regexes.email);
    for (const address of ADDRESSES)
      expect(EMAIL_PATTERN.test(address.trim()), address).toBe(zods.test(address.trim()));
  });

  it("answers as the forms' email field does", () => {
    for (const address of ADDRESSES)
      expect(isEmailShaped(address), address).toBe(emailField.safeParse(address).success);
    expect(isEmailShaped("member@coder.com")).toBe(true);
    expect(isEmailShaped("a@b")).toBe(false);
  });
});
