import { describe, expect, it } from "vitest";
import { asSentence } from "./sentence.ts";

describe("asSentence", () => {
  it.each([
    ["Incorrect login type", "Incorrect login type."],
    ["  internal error fetching the device code ", "Internal error fetching the device code."],
    ["Incorrect email or password.", "Incorrect email or password."],
    ["Are you sure?", "Are you sure?"],
    ["", ""],
  ])("%j reads as %j", (text, sentence) => {
    expect(asSentence(text)).toBe(sentence);
  });
});
