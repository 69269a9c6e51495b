import {
  ALL_SPECIAL,
  DIGITS,
  detailsOf,
  LOWER,
  MAX_PASSWORD_BYTES,
  MIN_ENTROPY_BITS,
  measure,
  OTHER_SPECIAL,
  REPLACE,
  SEPARATOR,
  UPPER,
} from "./measure.ts";

/** The groups the server's hints name, in the server's order. */
type CharacterGroup = "special" | "lowercase" | "uppercase" | "numbers";
/** The three special groups; the server counts specials as present only when all three are. */
type SpecialGroup = "replace" | "separator" | "other";
type StrengthLevel = "too weak" | "weak" | "ok" | "strong";

export interface PasswordStrength {
  /** Bits, identical to the server's float64. */
  entropy: number;
  requiredBits: number;
  /** The server's verdict: entropy first, then length. */
  valid: boolean;
  /** The server's sentence for this password ("" when valid). */
  details: string;
  /** Groups the server would hint at; "special" stays until all three special groups appear. */
  missingGroups: CharacterGroup[];
  /** Special groups present: replace `!@$&*`, separator `_-., ` (and space), other `"#%'()+/:;<=>?[\]^{|}~`. */
  specialGroups: SpecialGroup[];
  /** UTF-8 bytes as the server sees them (a lone surrogate becomes U+FFFD, 3 bytes). */
  bytes: number;
  maxBytes: number;
  tooLong: boolean;
  // Estimate: more 1-byte characters at log2(base) bits each (at least 1) to reach 52 bits; 0 once reached.
  extraCharsNeeded: number;
  /** From bits alone: < 52 too weak, < 64 weak, < 80 ok, else strong. A too-long password can still be "strong"; see `tooLong`. */
  level: StrengthLevel;
  /** `level` as 0..3 for a meter. */
  score: 0 | 1 | 2 | 3;
}

const MISSING: ReadonlyArray<readonly [number, CharacterGroup]> = [
  [ALL_SPECIAL, "special"],
  [LOWER, "lowercase"],
  [UPPER, "uppercase"],
  [DIGITS, "numbers"],
];
const SPECIAL: ReadonlyArray<readonly [number, SpecialGroup]> = [
  [REPLACE, "replace"],
  [SEPARATOR, "separator"],
  [OTHER_SPECIAL, "other"],
];
const LEVELS: readonly StrengthLevel[] = ["too weak", "weak", "ok", "strong"];

/** Figures for a strength meter, consistent with the server's rule (same bits, same sentence). */
export function passwordStrength(password: string): PasswordStrength {
  const m = measure(password);
  const details = detailsOf(m);
  const missingGroups: CharacterGroup[] = [];
  for (const [bits, name] of MISSING) if ((m.groups & bits) !== bits) missingGroups.push(name);
  const specialGroups: SpecialGroup[] = [];
  for (const [bit, name] of SPECIAL) if (m.groups & bit) specialGroups.push(name);

  // Added one at a time, as the server sums, so the count is exact for the current base.
  // Below base 2 a step is 0 bits; a second distinct character makes it at least 1.
  const step = Math.max(m.step, 1);
  let extraCharsNeeded = 0;
  for (let e = m.entropy; e < MIN_ENTROPY_BITS; e += step) extraCharsNeeded++;

  const score = m.entropy < MIN_ENTROPY_BITS ? 0 : m.entropy < 64 ? 1 : m.entropy < 80 ? 2 : 3;
  return {
    entropy: m.entropy,
    requiredBits: MIN_ENTROPY_BITS,
    valid: details === "",
    details,
    missingGroups,
    specialGroups,
    bytes: m.bytes,
    maxBytes: MAX_PASSWORD_BYTES,
    tooLong: m.bytes > MAX_PASSWORD_BYTES,
    extraCharsNeeded,
    level: LEVELS[score] as StrengthLevel,
    score,
  };
}
