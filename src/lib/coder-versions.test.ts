import { describe, expect, it } from "vitest";
import {
  coderVersionSupport,
  parseCoderVersion,
  SUPPORTED_CODER_VERSIONS,
  testedRangeText,
} from "./coder-versions.ts";

describe("parseCoderVersion", () => {
  it.each([
    ["v2.30.0-mock", [2, 30, 0]],
    ["v2.30.1+3a7c2f9", [2, 30, 1]],
    ["2.31.0-rc.1", [2, 31, 0]],
    ["v0.0.0-devel+abc", [0, 0, 0]],
    ["v2.30", undefined],
    ["latest", undefined],
    ["", undefined],
  ] as const)("%j → %j", (version, expected) => {
    expect(parseCoderVersion(version)).toEqual(expected);
  });
});

describe("coderVersionSupport", () => {
  it("the range is one constant, and the mock's version is in it", () => {
    expect(SUPPORTED_CODER_VERSIONS).toEqual({ from: "2.30.0", before: "2.31.0" });
    expect(coderVersionSupport("v2.30.0-mock")).toBe("tested");
    expect(testedRangeText()).toBe("v2.30");
  });

  it.each([
    ["v2.30.0", "tested"],
    ["v2.30.9+abc", "tested"],
    ["v2.29.4", "older"],
    ["v1.99.0", "older"],
    ["v2.31.0", "newer"],
    ["v3.0.0", "newer"],
    ["v0.0.0-devel+abc", "unknown"],
    ["nonsense", "unknown"],
  ] as const)("%s: %s", (version, expected) => {
    expect(coderVersionSupport(version)).toBe(expected);
  });
});
