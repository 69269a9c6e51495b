// Go's math.Log2 as the server runs it (amd64: Frexp, then Go's own Log, no FMA). V8's Math.log2
// is 1 ulp off for bases such as 3, 9 and 107, and the strength meter promises the server's bits.

// Constants of Go's math.Log (FreeBSD e_log.c), written as the shortest decimals of the same
// float64s (bit patterns as in Go's source comments).
const LN2_HI = 0.6931471803691238; // 3fe62e42 fee00000
const LN2_LO = 1.9082149292705877e-10; // 3dea39ef 35793c76
const L1 = 0.6666666666666735; // 3fe55555 55555593
const L2 = 0.3999999999940942; // 3fd99999 9997fa04
const L3 = 0.2857142874366239; // 3fd24924 94229359
const L4 = 0.22222198432149784; // 3fcc71c5 1d8e78af
const L5 = 0.1818357216161805; // 3fc74664 96cb03de
const L6 = 0.15313837699209373; // 3fc39a09 d078c69f
const L7 = 0.14798198605116586; // 3fc2f112 df3e5244
// Go folds `Sqrt2/2` and `1/Ln2` exactly at compile time; ECMAScript defines these two as the
// same correctly rounded float64s.
const SQRT2_OVER_2 = Math.SQRT1_2;
const INV_LN2 = Math.LOG2E;
const SMALLEST_NORMAL = 2.2250738585072014e-308;
const TWO_52 = 4503599627370496;

const bits = new DataView(new ArrayBuffer(8));
// Second result of frexp, kept out of a tuple so log2 allocates nothing.
let frexpExp = 0;

/** Go's math.Frexp: returns frac in [0.5, 1) and leaves the exponent in `frexpExp`. */
function frexp(x: number): number {
  frexpExp = 0;
  if (x === 0 || !Number.isFinite(x)) return x;
  let exp = 0;
  if (Math.abs(x) < SMALLEST_NORMAL) {
    x *= TWO_52;
    exp = -52;
  }
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  exp += ((hi >>> 20) & 0x7ff) - 1022;
  bits.setUint32(0, (hi & 0x800fffff) | (1022 << 20));
  frexpExp = exp;
  return bits.getFloat64(0);
}

/** Go's math.Log (the pure-Go version, which agrees with amd64's assembly on integer inputs). */
export function goLog(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  if (x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  let f1 = frexp(x);
  let ki = frexpExp;
  if (f1 < SQRT2_OVER_2) {
    f1 *= 2;
    ki--;
  }
  const f = f1 - 1;
  const k = ki;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
  const t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
  const r = t1 + t2;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + r) + k * LN2_LO) - f);
}

/** Go's math.Log2 on amd64, bit for bit. */
export function goLog2(x: number): number {
  const frac = frexp(x);
  const exp = frexpExp;
  // Go returns exact powers of two exactly rather than trusting Log(0.5)*(1/Ln2)+exp.
  if (frac === 0.5) return exp - 1;
  return goLog(frac) * INV_LN2 + exp;
}
