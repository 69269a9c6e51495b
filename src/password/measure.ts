// The figures behind Coder's password rule (go-password-validator v0.3.0 as Coder calls it),
// quirks included; password.vectors.json, generated from the Go code, is the reference (how it
// was made: docs/test-facts.md).
// Internal: the public API is rule.ts and strength.ts.
import { goLog2 } from "./log2.ts";

export const MIN_ENTROPY_BITS = 52;
export const MAX_PASSWORD_BYTES = 64;

// Group bits; the numbers added to the base are in GROUP_SIZE.
export const REPLACE = 1; // !@$&*
export const SEPARATOR = 2; // _ - . , and space
export const OTHER_SPECIAL = 4; // "#%'()+/:;<=>?[\]^{|}~
export const LOWER = 8;
export const UPPER = 16;
export const DIGITS = 32;
export const ALL_SPECIAL = REPLACE | SEPARATOR | OTHER_SPECIAL;

const GROUP_SIZE: ReadonlyArray<readonly [number, number]> = [
  [REPLACE, 5],
  [SEPARATOR, 5],
  [OTHER_SPECIAL, 22],
  [LOWER, 26],
  [UPPER, 26],
  [DIGITS, 10],
];

// ASCII code → group bit; 0 (backtick, controls, DEL) is unclassified, like everything non-ASCII.
const GROUP_OF = new Uint8Array(128);
function assign(chars: string, group: number): void {
  for (let i = 0; i < chars.length; i++) GROUP_OF[chars.charCodeAt(i)] = group;
}
assign("!@$&*", REPLACE);
assign("_-., ", SEPARATOR);
assign("\"#%'()+/:;<=>?[\\]^{|}~", OTHER_SPECIAL);
assign("abcdefghijklmnopqrstuvwxyz", LOWER);
assign("ABCDEFGHIJKLMNOPQRSTUVWXYZ", UPPER);
assign("0123456789", DIGITS);

// A sequence's characters are distinct ASCII, so "where is this rune in seq" is one table lookup,
// which lets dropSeq jump over the mismatching steps of Go's inner loop instead of walking them.
// `group` is the one group all its characters belong to: a pass can skip a password without it.
type Sequence = { readonly indexOf: Int8Array; readonly length: number; readonly group: number };
function sequence(chars: string): Sequence {
  const indexOf = new Int8Array(128).fill(-1);
  for (let i = 0; i < chars.length; i++) indexOf[chars.charCodeAt(i)] = i;
  return { indexOf, length: chars.length, group: GROUP_OF[chars.charCodeAt(0)] as number };
}
// Go's order: these five, then the same five reversed.
const FORWARD = ["0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"];
const SEQUENCES: readonly Sequence[] = [
  ...FORWARD.map(sequence),
  ...FORWARD.map((s) => sequence([...s].reverse().join(""))),
];

const REPLACEMENT_CHARACTER = 0xfffd;

// Scratch buffers reused across calls (the rule runs on every keystroke); never observable.
// Longer inputs get their own buffers so one huge paste does not stay in memory.
const SCRATCH_UNITS = 1024;
const scratchRunes = new Int32Array(SCRATCH_UNITS);
const scratchUnclassified = new Int32Array(SCRATCH_UNITS);

const LOG2_CACHE_SIZE = 1024;
const log2Cache = new Float64Array(LOG2_CACHE_SIZE).fill(Number.NaN);
function log2(base: number): number {
  if (base >= LOG2_CACHE_SIZE) return goLog2(base);
  let v = log2Cache[base] as number;
  if (Number.isNaN(v)) {
    v = goLog2(base);
    log2Cache[base] = v;
  }
  return v;
}

function utf8Length(c: number): number {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/** Runs of 3+ identical runes keep 2. Go's history starts as NUL, so leading NULs all vanish. */
function dropTriples(r: Int32Array, n: number): number {
  let prev = 0;
  let prevPrev = 0;
  let w = 0;
  for (let i = 0; i < n; i++) {
    const c = r[i] as number;
    if (c !== prev || c !== prevPrev) r[w++] = c;
    prevPrev = prev;
    prev = c;
  }
  return w;
}

/**
 * Go's removeMoreThanTwoFromSequence, compacting in place. Its quirks are kept: the match counter
 * survives between outer steps, and after the inner loop runs out of sequence the outer step
 * passes over one rune without testing it (so "xabcdef" keeps "xabc" and "89x0" loses its "0").
 */
function dropSeq(r: Int32Array, n: number, seq: Sequence): number {
  const { indexOf, length } = seq;
  let matches = 0;
  let read = 0;
  let write = 0;
  while (read < n) {
    let j = 0;
    while (j < length && read < n) {
      const c = r[read] as number;
      const p = c < 128 ? (indexOf[c] as number) : -1;
      if (p < j) {
        // Every remaining seq[j] mismatches this rune.
        matches = 0;
        break;
      }
      if (p > j) matches = 0; // seq[j..p-1] mismatched first
      matches++;
      j = p + 1;
      read++;
      if (matches <= 2) r[write++] = c;
    }
    // Go's outer i++: this rune is kept without being compared to anything.
    if (read < n) r[write++] = r[read++] as number;
  }
  return write;
}

export interface Measurement {
  /** Go's float64 entropy in bits: log2(base) added up once per byte of the reduced password. */
  entropy: number;
  /** log2(base): what one more byte adds (0 when base < 2). */
  step: number;
  base: number;
  /** UTF-8 length of the password as Go decodes it (lone surrogates become U+FFFD). */
  bytes: number;
  /** Group bits present in the original password. */
  groups: number;
}

/** Everything the rule looks at, computed in one pass plus the 11 reduction passes. */
export function measure(password: string): Measurement {
  const units = password.length;
  const small = units <= SCRATCH_UNITS;
  const r = small ? scratchRunes : new Int32Array(units);
  const unclassified = small ? scratchUnclassified : new Int32Array(units);
  let n = 0;
  let bytes = 0;
  let groups = 0;
  let other = 0;
  for (let i = 0; i < units; i++) {
    let c = password.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < units ? password.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        // JSON.stringify sends a lone surrogate as \udXXX, which Go decodes to U+FFFD.
        c = REPLACEMENT_CHARACTER;
      }
    }
    r[n++] = c;
    bytes += utf8Length(c);
    const g = c < 128 ? (GROUP_OF[c] as number) : 0;
    if (g === 0) unclassified[other++] = c;
    else groups |= g;
  }

  let base = 0;
  for (const [bit, size] of GROUP_SIZE) if (groups & bit) base += size;
  if (other > 0) {
    const u = unclassified.subarray(0, other).sort();
    base++;
    for (let i = 1; i < other; i++) if (u[i] !== u[i - 1]) base++;
  }

  n = dropTriples(r, n);
  for (const seq of SEQUENCES) if (groups & seq.group) n = dropSeq(r, n, seq);
  let reducedBytes = 0;
  for (let i = 0; i < n; i++) reducedBytes += utf8Length(r[i] as number);

  const step = base === 0 ? 0 : log2(base);
  // A sequential sum, as Go does it: L * step differs in the last bit for most (base, L).
  let entropy = 0;
  for (let i = 0; i < reducedBytes; i++) entropy += step;

  return { entropy, step, base, bytes, groups };
}

const HINTS: ReadonlyArray<readonly [number, string]> = [
  [ALL_SPECIAL, "including more special characters"],
  [LOWER, "using lowercase letters"],
  [UPPER, "using uppercase letters"],
  [DIGITS, "using numbers"],
];

/** The server's `details` for a measurement: "" when the password is accepted. */
export function detailsOf(m: Measurement): string {
  // Coder checks entropy before length, so 65 × "a" hears about entropy.
  if (m.entropy < MIN_ENTROPY_BITS) {
    let hints = "";
    for (const [bits, hint] of HINTS) {
      if ((m.groups & bits) !== bits) hints += hints === "" ? hint : `, ${hint}`;
    }
    return hints === ""
      ? "insecure password, try using a longer password"
      : `insecure password, try ${hints} or using a longer password`;
  }
  if (m.bytes > MAX_PASSWORD_BYTES) return "password must be no more than 64 characters";
  return "";
}
