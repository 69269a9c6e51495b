import { describe, expect, it } from "vitest";
import { judgeMachine, spread } from "./machine.ts";

const LIMITS = { maxLoad: 2.5, maxSpread: 0.5 };
const quiet = { start: 0.4, end: 0.9, max: 1.2 };

describe("spread", () => {
  it("is the range over the median", () => {
    expect(spread([10, 12, 15])).toBeCloseTo(5 / 12);
    expect(spread([7])).toBe(0);
    expect(spread([0, 0, 0])).toBe(0);
  });
});

describe("judgeMachine", () => {
  it("trusts a quiet machine with steady runs", () => {
    expect(judgeMachine(quiet, new Map([["/login", [80, 84, 90]]]), LIMITS)).toEqual({
      trustworthy: true,
      reasons: [],
    });
  });

  it("refuses when the machine was busy at the start or the end", () => {
    const verdict = judgeMachine({ ...quiet, end: 6.2, max: 6.2 }, new Map(), LIMITS);
    expect(verdict.trustworthy).toBe(false);
    expect(verdict.reasons.join()).toMatch(/6\.20 at the end/);
  });

  it("refuses when runs of one page disagree, and says which", () => {
    const verdict = judgeMachine(quiet, new Map([["/login evaluation", [80, 150, 90]]]), LIMITS);
    expect(verdict.trustworthy).toBe(false);
    expect(verdict.reasons).toEqual(["/login evaluation: runs spread 78% (80, 150, 90) > 50%"]);
  });
});
