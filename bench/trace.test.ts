import { describe, expect, it } from "vitest";
import { analyzeTrace, FIRST_COMMIT_MARK, type TraceEvent } from "./trace.ts";

const MAIN = { pid: 7, tid: 7 };
const OTHER = { pid: 9, tid: 9 };
const task = (ts: number, dur: number, tdur: number, where = MAIN): TraceEvent => ({
  name: "RunTask",
  ph: "X",
  ts,
  dur,
  tdur,
  ...where,
});

describe("analyzeTrace", () => {
  const trace: TraceEvent[] = [
    task(0, 5_000, 4_000), // before the first paint
    { name: "firstContentfulPaint", ph: "R", ts: 10_000, ...MAIN },
    task(20_000, 300_000, 40_000), // small module evaluation, wall time inflated by load
    { name: "v8.evaluateModule", ph: "X", ts: 21_000, dur: 2_000, tdur: 1_500, ...MAIN },
    task(400_000, 120_000, 80_000), // the big one
    { name: "v8.evaluateModule", ph: "X", ts: 401_000, dur: 100_000, tdur: 70_000, ...MAIN },
    task(600_000, 30_000, 25_000), // React's first commit
    { name: FIRST_COMMIT_MARK, ph: "I", ts: 620_000, ...MAIN },
    // Another renderer's work never counts.
    task(600_000, 900_000, 900_000, OTHER),
    { name: "v8.evaluateModule", ph: "X", ts: 600_500, dur: 800_000, tdur: 800_000, ...OTHER },
  ];

  it("reads CPU (thread) time of the evaluation and first-commit tasks, on the painting thread", () => {
    expect(analyzeTrace(trace)).toEqual({
      evaluationMs: 80,
      firstCommitMs: 25,
      afterPaintMs: 145,
      longestTaskMs: 300,
    });
  });

  it("has no first-commit figure without the mark, and refuses a trace that never painted", () => {
    expect(
      analyzeTrace(trace.filter((e) => e.name !== FIRST_COMMIT_MARK)).firstCommitMs,
    ).toBeUndefined();
    expect(() => analyzeTrace(trace.filter((e) => e.name !== "firstContentfulPaint"))).toThrow(
      /never painted/,
    );
  });
});
