import { describe, expect, it } from "vitest";
import { goLog, goLog2 } from "./log2.ts";

function hex(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return `0x${view.getBigUint64(0).toString(16).padStart(16, "0")}`;
}

// Go's math.Log2 (linux/amd64) for every integer ≤ 1200 where V8's Math.log2 differs by 1 ulp,
// as listed in password-rule.md §6.
const GO_LOG2 = `
3 0x3ff95c01a39fbd69     9 0x40095c01a39fbd69   107 0x401af7431f26a05c   137 0x401c646285b918ce
149 0x401ce06db66eca70 159 0x401d406463b1b044   211 0x401ee267d362ad90   214 0x401ef7431f26a05c
233 0x401f74ed3673c92c 276 0x4020379084815b58   294 0x4020663b741df9c4   314 0x402096d887e26cd6
338 0x4020cd4011c8f11a 340 0x4020d19bb053fb02   380 0x402123c41d42727c   414 0x40216310b8f55304
421 0x40216f7348bc5c62 552 0x4022379084815b58   571 0x4022508fc70b04ba   579 0x40225ad6bbd2aba0
588 0x4022663b741df9c4 628 0x402296d887e26cd6   676 0x4022cd4011c8f11a   680 0x4022d19bb053fb02
717 0x4022f8be9e80a03e 760 0x402323c41d42727c   828 0x40236310b8f55304   842 0x40236f7348bc5c62
1031 0x4024050841ac5264 1069 0x40241fc482e8b48b 1104 0x4024379084815b58 1121 0x402442da251223a6
1142 0x4024508fc70b04ba 1158 0x40245ad6bbd2aba0 1176 0x4024663b741df9c4 1197 0x4024734e63a0fa06
`;
const table = new Map<number, string>();
for (const [, n, bits] of GO_LOG2.matchAll(/(\d+) (0x[0-9a-f]{16})/g))
  table.set(Number(n), bits ?? "");

describe("goLog2", () => {
  it("gives Go's bits for every base in the documented table", () => {
    expect(table.size).toBe(36);
    for (const [n, bits] of table) expect(hex(goLog2(n)), `log2(${n})`).toBe(bits);
  });

  it("differs from Math.log2 (correct to the last ulp elsewhere) exactly at the table's bases up to 1200", () => {
    const differing: number[] = [];
    for (let n = 1; n <= 1200; n++) if (!Object.is(goLog2(n), Math.log2(n))) differing.push(n);
    expect(differing).toEqual([...table.keys()]);
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
