import { describe, expect, it } from "vitest";
import {
  emailSearch,
  isPasscodeShaped,
  normalisePasscode,
  PASSCODE_SHAPE_MESSAGE,
  readResetLink,
} from "./passcode.ts";
import { passcodeField } from "./passcode-field.ts";

const CODE = "fad9020b-6562-4cdb-87f1-0486f1bea415";

describe("normalisePasscode", () => {
  it.each([
    ["as sent", CODE],
    ["surrounded by whitespace", `  ${CODE}\n`],
    ["upper case", CODE.toUpperCase()],
    ["broken across lines by a mail client", "fad9020b-6562-\n4cdb-87f1-\t0486f1bea415"],
    ["with spaces inside", "fad9020b - 6562 - 4cdb - 87f1 - 0486f1bea415"],
    ["without hyphens", "fad9020b65624cdb87f10486f1bea415"],
    [
      "as the whole emailed link",
      `https://coder.example.com/reset-password/change?otp=${CODE}&email=a%40b.c`,
    ],
    [
      "as a link with the email first",
      `/reset-password/change?email=a%40b.c&otp=${CODE.toUpperCase()}`,
    ],
  ])("recovers the code pasted %s", (_, input) => {
    expect(normalisePasscode(input)).toBe(CODE);
  });

  it("leaves something that is not a code recognisably wrong", () => {
    expect(isPasscodeShaped(normalisePasscode("fad9020b-6562-4cdb"))).toBe(false);
    expect(isPasscodeShaped(normalisePasscode("not a code"))).toBe(false);
    expect(isPasscodeShaped(normalisePasscode(`${CODE}0`))).toBe(false);
    expect(isPasscodeShaped(normalisePasscode("zad9020b-6562-4cdb-87f1-0486f1bea415"))).toBe(false);
  });
});

describe("passcodeField", () => {
  it("hands the normalised code to the submit handler", () => {
    expect(passcodeField.parse(` ${CODE.toUpperCase()} `)).toBe(CODE);
  });

  it("says what is missing or wrong", () => {
    expect(passcodeField.safeParse("").error?.issues[0]?.message).toBe(
      "Enter the code from the email.",
    );
    expect(passcodeField.safeParse("   ").error?.issues[0]?.message).toBe(
      "Enter the code from the email.",
    );
    expect(passcodeField.safeParse("123456").error?.issues[0]?.message).toBe(
      PASSCODE_SHAPE_MESSAGE,
    );
  });
});

describe("readResetLink", () => {
  it("reads Coder's emailed link", () => {
    expect(readResetLink(`?otp=${CODE}&email=member%40coder.com`)).toEqual({
      code: CODE,
      email: "member@coder.com",
    });
  });

  it("treats missing and empty parameters alike", () => {
    expect(readResetLink("")).toEqual({ code: null, email: null });
    expect(readResetLink("?otp=&email=%20")).toEqual({ code: null, email: null });
    expect(readResetLink("?email=a@b.c")).toEqual({ code: null, email: "a@b.c" });
  });

  it("keeps a broken code so the page can say so", () => {
    expect(readResetLink("?otp=fad9020b-65")).toEqual({ code: "fad9020b-65", email: null });
  });
});

describe("emailSearch", () => {
  it("keeps only the address", () => {
    expect(emailSearch("a+b@c.d")).toBe("?email=a%2Bb%40c.d");
    expect(emailSearch(null)).toBe("");
  });
});
