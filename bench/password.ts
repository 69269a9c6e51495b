// Time per validatePassword call. Calls are batched per sample so timer resolution does not matter.
import { validatePassword } from "../src/password/rule.ts";

export interface PasswordBenchRow {
  name: string;
  chars: number;
  bytes: number;
  medianNs: number;
  p95Ns: number;
}

const SEED = "Xq7!pL_2#vR9mK4z";
const CASES: ReadonlyArray<readonly [string, string]> = [
  ["8 chars", SEED.slice(0, 8)],
  ["16 chars", SEED],
  ["64 chars", SEED.repeat(4)],
  ["1000 bytes", SEED.repeat(63).slice(0, 1000)],
];
const SAMPLES = 400;
const SAMPLE_TARGET_NS = 100_000;
const WARMUP_NS = 200_000_000;

// Results feed this so the calls cannot be optimised away.
let sink = 0;

function timeBatch(password: string, calls: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink += validatePassword(password).entropy;
  return Number(process.hrtime.bigint() - start);
}

function measureCase(name: string, password: string): PasswordBenchRow {
  let calls = 1;
  const warmEnd = process.hrtime.bigint() + BigInt(WARMUP_NS);
  while (process.hrtime.bigint() < warmEnd) {
    const ns = timeBatch(password, calls);
    if (ns < SAMPLE_TARGET_NS) calls *= 2;
  }
  const perCall: number[] = [];
  for (let s = 0; s < SAMPLES; s++) perCall.push(timeBatch(password, calls) / calls);
  perCall.sort((a, b) => a - b);
  const at = (q: number) =>
    perCall[Math.min(perCall.length - 1, Math.floor(q * perCall.length))] ?? 0;
  return {
    name,
    chars: password.length,
    bytes: new TextEncoder().encode(password).length,
    medianNs: Math.round(at(0.5)),
    p95Ns: Math.round(at(0.95)),
  };
}

export async function benchPassword(): Promise<PasswordBenchRow[]> {
  const rows = CASES.map(([name, password]) => measureCase(name, password));
  if (Number.isNaN(sink)) throw new Error("unreachable: entropy is never NaN");
  return rows;
}

if (import.meta.main) {
  const rows = await benchPassword();
  const table = [
    ["case", "chars", "bytes", "median ns", "p95 ns"],
    ...rows.map((r) => [r.name, r.chars, r.bytes, r.medianNs, r.p95Ns].map(String)),
  ];
  const widths = (table[0] ?? []).map((_, c) =>
    Math.max(...table.map((row) => (row[c] ?? "").length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  ");
  process.stdout.write(`validatePassword\n${table.map(line).join("\n")}\n`);
}
