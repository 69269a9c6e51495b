// Whether a bench run can be believed. On a shared machine the figures of a busy run say more
// about the neighbours than about the build, so the bench refuses to judge budgets when the
// machine was visibly busy, or when repeated runs of the same page disagree too much.
import { availableParallelism, loadavg } from "node:os";

export interface Limits {
  /** The 1-minute load average above which the machine counts as busy. */
  maxLoad: number;
  /** The largest (max - min) / median of a steady figure across runs of one page. */
  maxSpread: number;
}

export const DEFAULT_LIMITS: Limits = {
  // One runnable process per core and a bit: Chromium and the server need both cores themselves.
  maxLoad: Number(process.env.BENCH_MAX_LOAD ?? availableParallelism() * 1.25),
  maxSpread: Number(process.env.BENCH_MAX_SPREAD ?? 0.5),
};

export const currentLoad = () => loadavg()[0] ?? 0;

export function spread(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted[Math.floor(sorted.length / 2)] as number;
  const range = (sorted.at(-1) as number) - (sorted[0] as number);
  return mid === 0 ? (range === 0 ? 0 : Number.POSITIVE_INFINITY) : range / mid;
}

export interface Verdict {
  trustworthy: boolean;
  reasons: string[];
}

/** `samples`: what each page's steady figure measured, run by run (label → values). */
export function judgeMachine(
  loads: { start: number; end: number; max: number },
  samples: ReadonlyMap<string, readonly number[]>,
  limits: Limits = DEFAULT_LIMITS,
): Verdict {
  const reasons: string[] = [];
  const busy = (at: string, load: number) =>
    load > limits.maxLoad &&
    reasons.push(`load average ${load.toFixed(2)} at ${at} > ${limits.maxLoad}`);
  busy("the start", loads.start);
  busy("the end", loads.end);
  if (loads.max > limits.maxLoad * 1.5) busy("its peak during the run", loads.max);
  for (const [label, values] of samples) {
    const s = spread(values);
    if (s > limits.maxSpread)
      reasons.push(
        `${label}: runs spread ${(s * 100).toFixed(0)}% (${values.join(", ")}) > ${limits.maxSpread * 100}%`,
      );
  }
  return { trustworthy: reasons.length === 0, reasons };
}
