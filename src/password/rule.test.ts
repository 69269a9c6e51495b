import { describe, expect, it } from "vitest";
import { GO_LOG2_DIFFERS } from "./go-log2-table.ts";
import vectors from "./password.vectors.json" with { type: "json" };
import { MAX_PASSWORD_BYTES, MIN_ENTROPY_BITS, validatePassword } from "./rule.ts";

type Vector = { password: string; entropy: number; valid: boolean; details: string };
const VECTORS: Vector[] = vectors;

const TOO_LONG = "password must be no more than 64 characters";
const insecure = (hints: string) => `insecure password, try ${hints} or using a longer password`;
const ALL_HINTS = insecure(
  "including more special characters, using lowercase letters, using uppercase letters, using numbers",
);
const LOWER_ONLY_HINTS = insecure(
  "including more special characters, using uppercase letters, using numbers",
);

/** A float64 from its bits (big-endian hex), so an expected entropy is exact and visible. */
function f64(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(hex));
  return view.getFloat64(0);
}

describe("validatePassword against the Go vectors", () => {
  it("has the fixture intact (2000 vectors, lone surrogates still lone)", () => {
    expect(VECTORS).toHaveLength(2000);
    expect(VECTORS.filter((v) => v.valid)).toHaveLength(692);
    expect(VECTORS.filter((v) => v.details === TOO_LONG)).toHaveLength(33);
    expect(VECTORS.some((v) => v.password === "\ud800")).toBe(true);
  });

  it("reproduces valid, details and every entropy bit of all 2000 vectors", () => {
    const failing: string[] = [];
    VECTORS.forEach((v, i) => {
      const got = validatePassword(v.password);
      if (
        got.valid !== v.valid ||
        got.details !== v.details ||
        !Object.is(got.entropy, v.entropy)
      ) {
        failing.push(`#${i} ${JSON.stringify(v.password)}: ${JSON.stringify(got)}`);
      }
    });
    expect(failing, `failing vectors:\n${failing.join("\n")}`).toEqual([]);
  });
});

describe("validatePassword edge cases", () => {
  it("exports the server's limits", () => {
    expect(MIN_ENTROPY_BITS).toBe(52);
    expect(MAX_PASSWORD_BYTES).toBe(64);
  });

  it("checks entropy before length: 65 × a gets the entropy message", () => {
    expect(validatePassword("a".repeat(65))).toEqual({
      valid: false,
      details: LOWER_ONLY_HINTS,
      // base 26, 2 bytes left
      entropy: f64("0x4022cd4011c8f119"),
    });
    expect(validatePassword("é".repeat(64))).toEqual({
      valid: false,
      details: ALL_HINTS,
      entropy: 0,
    });
    expect(validatePassword("0123456789".repeat(7)).details).toBe(TOO_LONG);
  });

  it("allows exactly 64 bytes and rejects 65", () => {
    const strong = "Xq7!pL_2#vR9mK4z".repeat(5);
    expect(validatePassword(strong.slice(0, 64))).toMatchObject({ valid: true, details: "" });
    expect(validatePassword(strong.slice(0, 65))).toMatchObject({
      valid: false,
      details: TOO_LONG,
    });
  });

  it("counts UTF-8 bytes, not UTF-16 units: 16 distinct emoji pass, 17 are too long", () => {
    const emoji = (count: number) =>
      Array.from({ length: count }, (_, i) => String.fromCodePoint(0x1f600 + i)).join("");
    expect(emoji(16)).toHaveLength(32);
    expect(validatePassword(emoji(16))).toEqual({
      valid: true,
      details: "",
      entropy: 256, // base 16, 64 bytes
    });
    expect(validatePassword(emoji(17))).toMatchObject({ valid: false, details: TOO_LONG });
    // 22 CJK characters are 66 bytes.
    expect(validatePassword("安全的密码学非常重要请勿泄露给任何人谢谢合作").details).toBe(TOO_LONG);
  });

  it("charges non-ASCII characters by the byte", () => {
    // 13 characters, 4 distinct, 26 bytes: 26 × log2(4) = 52 exactly.
    expect(validatePassword("éüñøéüñøéüñøé")).toEqual({ valid: true, details: "", entropy: 52 });
    expect(validatePassword("éü".repeat(13)).entropy).toBe(52);
    // One glyph: a + 5 combining marks is 11 bytes, base 26 + 5.
    expect(validatePassword("a\u0300\u0301\u0302\u0303\u0304")).toMatchObject({
      valid: true,
      entropy: f64("0x404b3f8226d4ea4d"),
    });
  });

  it("drops leading NULs from the length but counts NUL in the base", () => {
    expect(validatePassword("\0").entropy).toBe(0);
    expect(validatePassword("\0\0\0").entropy).toBe(0);
    // NULs gone, then abc → ab: L = 10; base = 1 + 26 + 26 + 10 + 5 + 22.
    expect(validatePassword("\0\0\0abcXYZ123!@#").entropy).toBe(f64("0x40503ac93617ee45"));
    // Away from the start, a NUL run keeps two like any other run: base 27, 3 bytes.
    expect(validatePassword("Q\0\0\0\0").entropy).toBe(f64("0x402c8781d813b515"));
  });

  it("turns lone surrogates into U+FFFD (one base unit, 3 bytes each)", () => {
    // base 27, 7 bytes
    expect(validatePassword("\ud800x\udbff").entropy).toBe(f64("0x4040a4611360d44d"));
    expect(validatePassword("\udc00\ud800").entropy).toBe(0);
    expect(validatePassword("\ud800")).toEqual({ valid: false, details: ALL_HINTS, entropy: 0 });
    // A proper pair is one astral character (4 bytes), distinct from U+FFFD.
    expect(validatePassword("\ud83d\ude00\ud800").entropy).toBe(7); // base 2, 7 bytes
  });

  it("reproduces the positional sequence scan", () => {
    // Base 26: 2 bytes left, 4 bytes, 5 bytes, 6 bytes.
    const L2 = f64("0x4022cd4011c8f119");
    const L4 = f64("0x4032cd4011c8f119");
    const L5 = f64("0x40378090163b2d5f");
    const L6 = f64("0x403c33e01aad69a5");
    expect(validatePassword("abc").entropy).toBe(L2);
    expect(validatePassword("abcdef").entropy).toBe(L2);
    expect(validatePassword("xabcdef").entropy).toBe(L4);
    expect(validatePassword("abcabc").entropy).toBe(L5);
    expect(validatePassword("zyxwvu").entropy).toBe(L2);
    expect(validatePassword("abcdefghijklmnopqrstuvwxyz").entropy).toBe(L6);
    // Base 36, 3 bytes: the match counter carries over the skipped "x", so the 0 is removed.
    expect(validatePassword("1abcdef").entropy).toBe(f64("0x402f05013ab7ce0e"));
    expect(validatePassword("89x0").entropy).toBe(f64("0x402f05013ab7ce0e"));
    expect(validatePassword("x89y0").entropy).toBe(f64("0x4034ae00d1cfdeb4")); // 4 bytes
    expect(validatePassword("890").entropy).toBe(f64("0x4023ee7b471b3a95")); // base 10, 3 bytes
  });

  it("never reduces upper-case sequences", () => {
    const upper = validatePassword("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    expect(upper).toEqual({ valid: true, details: "", entropy: f64("0x405e8d881ce687ce") });
    expect(validatePassword("QWERTY").entropy).toBe(f64("0x403c33e01aad69a5"));
  });

  it("adds Go's log2 for bases 3 and 9, which is one bit off Math.log2", () => {
    // From the Go vectors: base 3 with 6 bytes, base 9 with 24 bytes.
    expect(validatePassword("ηΩθ").entropy).toBe(f64("0x402305013ab7ce0f"));
    expect(validatePassword("дбПРЬвРглвЬо")).toEqual({
      valid: true,
      details: "",
      entropy: f64("0x405305013ab7ce10"),
    });
  });

  it("reaches exactly 52.0 with power-of-two bases, inclusively", () => {
    // Base 2: backtick and TAB are unclassified.
    expect(validatePassword("`\t".repeat(26))).toEqual({ valid: true, details: "", entropy: 52 });
    expect(validatePassword("`\t".repeat(26).slice(1))).toMatchObject({
      valid: false,
      entropy: 51,
    });
    // Base 16: 10 digits + 6 unclassified.
    const base16 = "7`3\t9\n1\r5\v0\f8";
    expect(validatePassword(base16)).toEqual({ valid: true, details: "", entropy: 52 });
    expect(validatePassword(base16.slice(1))).toMatchObject({ valid: false, entropy: 48 });
  });

  it("names the missing groups in the server's order", () => {
    expect(validatePassword("").details).toBe(ALL_HINTS);
    expect(validatePassword("Pa1!").details).toBe(insecure("including more special characters"));
    expect(validatePassword("Pa1!_#").details).toBe(
      "insecure password, try using a longer password",
    );
    // Unclassified letters never count as lower or upper case.
    expect(validatePassword("ＡＢＣабв").details).toBe(ALL_HINTS);
  });

  it("gives the same answer for long inputs and after them (no state leaks between calls)", () => {
    const before = validatePassword("Pa1!_#");
    const long = validatePassword("Xq7!pL_2#vR9mK4zé😀".repeat(200));
    expect(long).toMatchObject({ valid: false, details: TOO_LONG });
    expect(validatePassword("Pa1!_#")).toEqual(before);
  });
});

// A literal port of the spec's pseudo-code (arrays, splice, Set, TextEncoder), to check the
// optimised scan on inputs built from runs, sequences and their quirks.
function reference(password: string): { valid: boolean; details: string; entropy: number } {
  const r = Array.from(password, (ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
  });
  const groups: Array<[string, number]> = [
    ["!@$&*", 5],
    ["_-., ", 5],
    ["\"#%'()+/:;<=>?[\\]^{|}~", 22],
    ["abcdefghijklmnopqrstuvwxyz", 26],
    ["ABCDEFGHIJKLMNOPQRSTUVWXYZ", 26],
    ["0123456789", 10],
  ];
  const has = groups.map(([members]) => r.some((c) => members.includes(String.fromCodePoint(c))));
  const other = new Set(
    r.filter((c) => !groups.some(([m]) => m.includes(String.fromCodePoint(c)))),
  );
  let base = other.size;
  groups.forEach(([, size], g) => {
    if (has[g]) base += size;
  });

  let prev = 0;
  let prevPrev = 0;
  for (let i = 0; i < r.length; ) {
    const c = r[i];
    if (c === prev && c === prevPrev) r.splice(i, 1);
    else i++;
    prevPrev = prev;
    prev = c ?? 0;
  }
  const forward = [
    "0123456789",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "abcdefghijklmnopqrstuvwxyz",
  ];
  for (const s of [...forward, ...forward.map((f) => [...f].reverse().join(""))]) {
    const seq = [...s].map((ch) => ch.charCodeAt(0));
    let m = 0;
    for (let i = 0; i < r.length; i++) {
      for (let j = 0; j < seq.length; j++) {
        if (i >= r.length) break;
        if (r[i] !== seq[j]) {
          m = 0;
          continue;
        }
        m++;
        if (m > 2) r.splice(i, 1);
        else i++;
      }
    }
  }
  const length = new TextEncoder().encode(String.fromCodePoint(...r)).length;
  // Go's log2 from the documented table, not from the port under test.
  const step = base === 0 ? 0 : (GO_LOG2_DIFFERS.get(base) ?? Math.log2(base));
  let entropy = 0;
  for (let i = 0; i < length; i++) entropy += step;
  const bytes = new TextEncoder().encode(password).length;

  let details = "";
  if (entropy < 52) {
    const hints = [
      has[0] && has[1] && has[2] ? "" : "including more special characters",
      has[3] ? "" : "using lowercase letters",
      has[4] ? "" : "using uppercase letters",
      has[5] ? "" : "using numbers",
    ].filter(Boolean);
    details = hints.length
      ? insecure(hints.join(", "))
      : "insecure password, try using a longer password";
  } else if (bytes > 64) {
    details = TOO_LONG;
  }
  return { valid: details === "", details, entropy };
}

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("validatePassword against a literal port of the spec", () => {
  it("agrees on 20000 generated passwords full of runs and sequences", () => {
    const rand = prng(52);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const sequences = [
      "0123456789",
      "qwertyuiop",
      "asdfghjkl",
      "zxcvbnm",
      "abcdefghijklmnopqrstuvwxyz",
    ];
    const loose = [..."aqzx09kmQZ!_#` \0é€😀", "\ud800", "\udc00"];
    const failing: string[] = [];
    for (let n = 0; n < 20000; n++) {
      let pw = "";
      const parts = Math.floor(rand() * 8);
      for (let p = 0; p < parts; p++) {
        const kind = rand();
        if (kind < 0.4) {
          let s = pick(sequences);
          if (rand() < 0.5) s = [...s].reverse().join("");
          const start = Math.floor(rand() * s.length);
          pw += s.slice(start, start + 1 + Math.floor(rand() * 6));
        } else if (kind < 0.6) {
          pw += pick(loose).repeat(1 + Math.floor(rand() * 4));
        } else {
          pw += pick(loose);
        }
      }
      const want = reference(pw);
      const got = validatePassword(pw);
      if (
        got.valid !== want.valid ||
        got.details !== want.details ||
        !Object.is(got.entropy, want.entropy)
      ) {
        failing.push(JSON.stringify(pw));
      }
    }
    expect(failing.slice(0, 20)).toEqual([]);
  });
});
