import { describe, expect, it } from "vitest";
import { GO_LOG2_DIFFERS } from "./go-log2-table.ts";
import { goLog, goLog2 } from "./log2.ts";

function hex(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return `0x${view.getBigUint64(0).toString(16).padStart(16, "0")}`;
}

describe("goLog2", () => {
  it("gives Go's bits for every base in the measured table", () => {
    for (const [n, value] of GO_LOG2_DIFFERS) expect(hex(goLog2(n)), `log2(${n})`).toBe(hex(value));
  });

  it("differs from Math.log2 (correct to the last ulp elsewhere) exactly at the table's bases up to 1200", () => {
    const differing: number[] = [];
    for (let n = 1; n <= 1200; n++) if (!Object.is(goLog2(n), Math.log2(n))) differing.push(n);
    expect(differing).toEqual([...GO_LOG2_DIFFERS.keys()]);
  });

  it("is exact for powers of two and 0 for 1", () => {
    for (let e = 0; e <= 60; e++) expect(goLog2(2 ** e)).toBe(e);
    expect(goLog2(0.5)).toBe(-1);
  });

  it("keeps Go's special cases", () => {
    expect(goLog2(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(goLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(goLog(-1)).toBeNaN();
    expect(goLog(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(goLog(Math.E)).toBe(1);
    // Subnormal input goes through Frexp's normalisation.
    expect(goLog2(5e-324)).toBe(-1074);
  });
});
