// Which Coder releases these pages were tested with. The contract (shared/coder-api-contract.md,
// README "Which Coder, and when Coder changes") was read from Coder's source of the v2.30 line,
// and the mock that every test runs against reports v2.30.0. Older releases lack parts of it
// (the one-time-passcode reset and validate-password arrived in late 2024); newer ones may change
// it. Widen the range only after running the suites against a real release outside it.

/** The tested range: from `from` (inclusive) up to `before` (exclusive). */
export const SUPPORTED_CODER_VERSIONS = { from: "2.30.0", before: "2.31.0" } as const;

type Triple = readonly [number, number, number];

/** "v2.30.1+abc", "2.30.0-rc.1", "v2.30.0-mock" → [2, 30, 1]; undefined if not a version. */
export function parseCoderVersion(version: string): Triple | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+.].*)?$/.exec(version.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function compare(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Where a deployment's version (buildinfo's `version`) stands against the tested range. A
 * development build (v0.0.0-devel) or anything unreadable is "unknown": nothing to say about it.
 */
export function coderVersionSupport(version: string): "tested" | "older" | "newer" | "unknown" {
  const parsed = parseCoderVersion(version);
  if (!parsed || compare(parsed, [0, 0, 0]) === 0) return "unknown";
  const from = parseCoderVersion(SUPPORTED_CODER_VERSIONS.from) as Triple;
  const before = parseCoderVersion(SUPPORTED_CODER_VERSIONS.before) as Triple;
  if (compare(parsed, from) < 0) return "older";
  if (compare(parsed, before) >= 0) return "newer";
  return "tested";
}

/** The range in words, e.g. "v2.30". */
export function testedRangeText(): string {
  const [fm, fn] = parseCoderVersion(SUPPORTED_CODER_VERSIONS.from) as Triple;
  const [bm, bn] = parseCoderVersion(SUPPORTED_CODER_VERSIONS.before) as Triple;
  return bm === fm && bn === fn + 1 ? `v${fm}.${fn}` : `v${fm}.${fn} to v${bm}.${bn - 1}`;
}
