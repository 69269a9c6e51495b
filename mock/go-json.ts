// Go's encoding/json as coderd uses it, on both sides of the wire: responses are written the
// way httpapi.Write writes them, and request bodies are decoded with the same leniencies and
// the same error texts as json.Decoder, so the UI sees exactly what a real server would say.

/** httpapi.Write: HTML-escaping encoder, trailing newline. Callers build objects in Go struct order. */
export function goJson(value: unknown): string {
  return `${JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, unicodeEscape)}\n`;
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** Go decodes lone UTF-16 surrogates in JSON strings as U+FFFD. */
export function goString(s: string): string {
  return s.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    "\ufffd",
  );
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** Decodes one rune the way Go's utf8.DecodeRune does; -1 marks an invalid byte. */
function decodeRune(b: Uint8Array, i: number): [rune: number, size: number] {
  const b0 = b[i] ?? 0;
  if (b0 < 0x80) return [b0, 1];
  const cont = (j: number, lo = 0x80, hi = 0xbf) => {
    const c = b[i + j];
    return c !== undefined && c >= lo && c <= hi;
  };
  const c = (j: number) => (b[i + j] ?? 0) & 0x3f;
  if (b0 >= 0xc2 && b0 <= 0xdf && cont(1)) return [((b0 & 0x1f) << 6) | c(1), 2];
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    if (cont(1, lo, hi) && cont(2)) return [((b0 & 0x0f) << 12) | (c(1) << 6) | c(2), 3];
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    if (cont(1, lo, hi) && cont(2) && cont(3)) {
      return [((b0 & 0x07) << 18) | (c(1) << 12) | (c(2) << 6) | c(3), 4];
    }
  }
  return [-1, 1];
}

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

export function goQuoteBytes(b: Uint8Array): string {
  let out = '"';
  for (let i = 0; i < b.length; ) {
    const [r, size] = decodeRune(b, i);
    i += size;
    if (r === -1) {
      out += `\\x${hex(b[i - 1] ?? 0, 2)}`;
      continue;
    }
    const ch = String.fromCodePoint(r);
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (r === 0x20 || (r > 0x7f ? printable.test(ch) : r > 0x20 && r < 0x7f)) out += ch;
    else if (r === 0x07) out += "\\a";
    else if (r === 0x08) out += "\\b";
    else if (r === 0x0c) out += "\\f";
    else if (r === 0x0a) out += "\\n";
    else if (r === 0x0d) out += "\\r";
    else if (r === 0x09) out += "\\t";
    else if (r === 0x0b) out += "\\v";
    else if (r < 0x20 || r === 0x7f) out += `\\x${hex(r, 2)}`;
    else if (r < 0x10000) out += `\\u${hex(r, 4)}`;
    else out += `\\U${hex(r, 8)}`;
  }
  return `${out}"`;
}

/** strconv.Quote / fmt's %q, for the strings coderd quotes in its messages. */
export function goQuote(s: string): string {
  return goQuoteBytes(new TextEncoder().encode(goString(s)));
}

/** net/url.QueryEscape, which is what Coder's mail template's `urlquery` does to the email. */
export function goQueryEscape(s: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function fraction(ms: number): string {
  const frac = ((ms % 1000) + 1000) % 1000;
  return frac === 0 ? "" : `.${String(frac).padStart(3, "0").replace(/0+$/, "")}`;
}

/** time.Time's JSON form (RFC 3339 with trailing zeros of the fraction trimmed), in UTC. */
export function goTimeJson(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.000Z
  return `${iso.slice(0, 19)}${fraction(ms)}Z`;
}

/** time.Time.String() in UTC, as in `API key expired at "2026-01-02 00:00:00.5 +0000 UTC".` */
export function goTimeString(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction(ms)} +0000 UTC`;
}

// ---------------------------------------------------------------------------------------------
// Decoding: json.NewDecoder(body).Decode(&v) reads the first JSON value only (trailing bytes are
// ignored) and reports syntax errors with the scanner's wording.

export type DecodeResult = { ok: true; value: unknown } | { ok: false; error: string };

class SyntaxFailure {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

/** The scanner's quoteChar. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const q = goQuote(c);
  return `'${q.slice(1, -1)}'`;
}

/** encoding/json's maxNestingDepth: deeper input is a syntax error, not a crash. */
export const MAX_NESTING_DEPTH = 10_000;

type OpenContainer =
  | { kind: "array"; value: unknown[] }
  | { kind: "object"; value: Record<string, unknown>; key: string };

/**
 * Iterative, so that nesting costs heap rather than call stack: Go accepts 10,000 levels and
 * answers "exceeded max depth" beyond, and so does this (never a stack overflow, never a 500).
 */
export function decodeFirstJsonValue(text: string): DecodeResult {
  let pos = 0;
  const fail = (context: string): never => {
    const c = text[pos];
    if (c === undefined) throw new SyntaxFailure("unexpected EOF");
    throw new SyntaxFailure(`invalid character ${quoteChar(c)} ${context}`);
  };
  const skipSpace = () => {
    while (pos < text.length && WHITESPACE.has(text[pos] as string)) pos++;
  };

  const parseLiteral = (word: string, value: unknown): unknown => {
    for (let i = 0; i < word.length; i++) {
      if (text[pos] !== word[i])
        fail(`in literal ${word} (expecting ${quoteChar(word[i] as string)})`);
      pos++;
    }
    return value;
  };

  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

  const parseNumber = (): number => {
    const start = pos;
    if (text[pos] === "-") {
      pos++;
      if (!isDigit(text[pos])) fail("in numeric literal");
    }
    if (text[pos] === "0") pos++;
    else while (isDigit(text[pos])) pos++;
    if (text[pos] === ".") {
      pos++;
      if (!isDigit(text[pos])) fail("after decimal point in numeric literal");
      while (isDigit(text[pos])) pos++;
    }
    if (text[pos] === "e" || text[pos] === "E") {
      pos++;
      if (text[pos] === "+" || text[pos] === "-") pos++;
      if (!isDigit(text[pos])) fail("in exponent of numeric literal");
      while (isDigit(text[pos])) pos++;
    }
    return Number(text.slice(start, pos));
  };

  const parseString = (): string => {
    pos++; // opening quote
    let out = "";
    for (;;) {
      const c = text[pos];
      if (c === undefined) fail("in string literal");
      if (c === '"') {
        pos++;
        // Go repairs invalid UTF-16 as it repairs invalid UTF-8: lone surrogates become U+FFFD.
        return goString(out);
      }
      if (c === "\\") {
        pos++;
        const e = text[pos];
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e !== undefined && e in simple) {
          out += simple[e];
          pos++;
        } else if (e === "u") {
          pos++;
          let hex = "";
          for (let i = 0; i < 4; i++) {
            if (!/[0-9a-fA-F]/.test(text[pos] ?? "")) fail("in \\u hexadecimal character escape");
            hex += text[pos];
            pos++;
          }
          out += String.fromCharCode(Number.parseInt(hex, 16));
        } else {
          fail("in string escape code");
        }
        continue;
      }
      if ((c as string).charCodeAt(0) < 0x20) fail("in string literal");
      // Copy the run of ordinary characters in one go (bodies can be megabytes long).
      let end = pos + 1;
      while (end < text.length) {
        const code = text.charCodeAt(end);
        if (code === 0x22 || code === 0x5c || code < 0x20) break;
        end++;
      }
      out += text.slice(pos, end);
      pos = end;
    }
  };

  /** After "{" or ",": the next key and its colon. */
  const parseKey = (): string => {
    skipSpace();
    if (text[pos] !== '"') fail("looking for beginning of object key string");
    const key = parseString();
    skipSpace();
    if (text[pos] !== ":") fail("after object key");
    pos++;
    return key;
  };

  const stack: OpenContainer[] = [];

  const parse = (): unknown => {
    for (;;) {
      // A value starts here: a scalar, an empty container, or an open container to descend into.
      skipSpace();
      const c = text[pos];
      let value: unknown;
      if (c === "[" || c === "{") {
        if (stack.length >= MAX_NESTING_DEPTH) fail("exceeded max depth");
        pos++;
        skipSpace();
        if (c === "[") {
          if (text[pos] === "]") {
            pos++;
            value = [];
          } else {
            stack.push({ kind: "array", value: [] });
            continue;
          }
        } else if (text[pos] === "}") {
          pos++;
          value = {};
        } else {
          stack.push({ kind: "object", value: {}, key: parseKey() });
          continue;
        }
      } else if (c === '"') value = parseString();
      else if (c === "-" || isDigit(c)) value = parseNumber();
      else if (c === "t") value = parseLiteral("true", true);
      else if (c === "f") value = parseLiteral("false", false);
      else if (c === "n") value = parseLiteral("null", null);
      else fail("looking for beginning of value");

      // The value is complete: hand it to its container, closing every container that ends here.
      for (;;) {
        const open = stack[stack.length - 1];
        if (!open) return value;
        if (open.kind === "array") open.value.push(value);
        else {
          // defineProperty, so a "__proto__" key is data like any other.
          Object.defineProperty(open.value, open.key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        skipSpace();
        if (text[pos] === ",") {
          pos++;
          if (open.kind === "object") open.key = parseKey();
          break;
        }
        if (text[pos] === (open.kind === "array" ? "]" : "}")) {
          pos++;
          stack.pop();
          value = open.value;
          continue;
        }
        fail(open.kind === "array" ? "after array element" : "after object key:value pair");
      }
    }
  };

  skipSpace();
  if (pos >= text.length) return { ok: false, error: "EOF" };
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, error: error.message };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Struct decoding: case-insensitive field names, unknown fields ignored, null leaves the zero
// value, a JSON value of the wrong kind is an UnmarshalTypeError (the first one wins, decoding
// carries on), and a top-level null leaves the whole struct zeroed.

export interface GoStruct {
  /** Go type name without package, e.g. "LoginWithPasswordRequest". */
  name: string;
  fields: readonly GoField[];
}

interface GoField {
  json: string;
  type: "string" | "bool" | GoStruct;
  /** The Go type as UnmarshalTypeError prints it, e.g. "codersdk.LoginType"; defaults to type. */
  goType?: string;
  /** go-playground tags, e.g. "required,email". */
  validate?: string;
}

export type GoStructValue = { [field: string]: string | boolean | GoStructValue };

/** The JSON kind Go names in an UnmarshalTypeError. */
export function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "string":
      return "string";
    case "number":
    case "bigint":
      return "number";
    case "boolean":
      return "bool";
    default:
      return "object";
  }
}

function zeroValue(struct: GoStruct): GoStructValue {
  const out: GoStructValue = {};
  for (const field of struct.fields) {
    out[field.json] =
      field.type === "string" ? "" : field.type === "bool" ? false : zeroValue(field.type);
  }
  return out;
}

export function decodeStruct(
  value: unknown,
  struct: GoStruct,
): { ok: true; value: GoStructValue } | { ok: false; error: string } {
  const out = zeroValue(struct);
  if (value === null) return { ok: true, value: out };
  if (typeof value !== "object" || Array.isArray(value)) {
    return {
      ok: false,
      error: `json: cannot unmarshal ${jsonKind(value)} into Go value of type codersdk.${struct.name}`,
    };
  }
  let firstError: string | undefined;
  fill(out, value as Record<string, unknown>, struct, [], (e) => {
    firstError ??= e;
  });
  return firstError === undefined ? { ok: true, value: out } : { ok: false, error: firstError };
}

/**
 * Go names a mismatch by the innermost struct being decoded and the json path from the top
 * (decodeState.addErrorContext): `CreateFirstUserTrialInfo.trial_info.developers`.
 */
function fill(
  out: GoStructValue,
  input: Record<string, unknown>,
  struct: GoStruct,
  fieldStack: readonly string[],
  report: (error: string) => void,
): void {
  for (const [key, raw] of Object.entries(input)) {
    const field =
      struct.fields.find((f) => f.json === key) ??
      struct.fields.find((f) => f.json.toLowerCase() === key.toLowerCase());
    if (!field || raw === null) continue;
    const typeName =
      field.goType ?? (typeof field.type === "string" ? field.type : `codersdk.${field.type.name}`);
    const mismatch = () =>
      report(
        `json: cannot unmarshal ${jsonKind(raw)} into Go struct field ${struct.name}.${[...fieldStack, field.json].join(".")} of type ${typeName}`,
      );
    if (field.type === "string") {
      if (typeof raw === "string") out[field.json] = raw;
      else mismatch();
    } else if (field.type === "bool") {
      if (typeof raw === "boolean") out[field.json] = raw;
      else mismatch();
    } else if (typeof raw === "object" && !Array.isArray(raw)) {
      fill(
        out[field.json] as GoStructValue,
        raw as Record<string, unknown>,
        field.type,
        [...fieldStack, field.json],
        report,
      );
    } else {
      mismatch();
    }
  }
}
