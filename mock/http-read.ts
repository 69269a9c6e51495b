// httpapi.Read: size cap → JSON decode → go-playground validation, with coderd's exact messages.
import {
  decodeFirstJsonValue,
  decodeStruct,
  type GoStruct,
  type GoStructValue,
} from "./go-json.ts";

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface CoderError {
  message: string;
  detail?: string;
  validations?: Array<{ field: string; detail: string }>;
}

export type ReadResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 413; body: CoderError };

const TOO_LARGE: ReadResult<never> = {
  ok: false,
  status: 413,
  body: {
    message: "Request body too large.",
    detail: `Maximum request body size is ${MAX_BODY_BYTES} bytes.`,
  },
};

/**
 * Reads at most MAX_BODY_BYTES + 1 bytes. The contract's order is taken literally: any body over
 * the cap is a 413, whatever its content (a streaming Go decoder could answer a padded but
 * otherwise complete value differently; the contract does not distinguish).
 */
export async function readBodyText(request: Request): Promise<string | undefined> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      // Stop reading; the rest is never buffered. (The HTTP adapter closes the connection.)
      reader.releaseLock();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // Invalid UTF-8 becomes U+FFFD, as Go's decoder does inside strings; a byte-order mark is
  // kept, so it is the syntax error it is for Go.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

function invalidJson(detail: string): ReadResult<never> {
  return { ok: false, status: 400, body: { message: "Request body must be valid JSON.", detail } };
}

/** Size cap and JSON syntax only; for bodies whose shape another module checks (authcheck). */
export async function readJsonValue(request: Request): Promise<ReadResult<unknown>> {
  const text = await readBodyText(request);
  if (text === undefined) return TOO_LARGE;
  const decoded = decodeFirstJsonValue(text);
  return decoded.ok ? { ok: true, value: decoded.value } : invalidJson(decoded.error);
}

export async function readStruct(
  request: Request,
  struct: GoStruct,
): Promise<ReadResult<GoStructValue>> {
  const raw = await readJsonValue(request);
  if (!raw.ok) return raw;
  const decoded = decodeStruct(raw.value, struct);
  if (!decoded.ok) return invalidJson(decoded.error);
  const validations = validateStruct(decoded.value, struct);
  if (validations.length > 0) {
    return { ok: false, status: 400, body: { message: "Validation failed.", validations } };
  }
  return { ok: true, value: decoded.value };
}

// ---------------------------------------------------------------------------------------------
// go-playground/validator as coderd configures it: the json tag names the field, one entry per
// failing field in struct order, only the first failing tag, detail
// `Validation failed for tag "<tag>" with value: "<value>"` (the value printed with %v, unquoted).

type TagCheck = (value: string | boolean) => boolean;

const TAGS: Record<string, TagCheck> = {
  required: (v) => v !== "" && v !== false,
  email: (v) => typeof v === "string" && isEmail(v),
  username: (v) => typeof v === "string" && isCoderName(v),
  // UserRealNameValid: Go's len() counts bytes, so 128 is a UTF-8 byte limit.
  user_real_name: (v) =>
    typeof v === "string" && v === v.trim() && new TextEncoder().encode(v).length <= 128,
};

function validateStruct(
  value: GoStructValue,
  struct: GoStruct,
): Array<{ field: string; detail: string }> {
  const out: Array<{ field: string; detail: string }> = [];
  for (const field of struct.fields) {
    const v = value[field.json];
    if (!field.validate || v === undefined || typeof v === "object") continue;
    const tags = field.validate.split(",").filter(Boolean);
    if (tags.includes("omitempty") && (v === "" || v === false)) continue;
    for (const tag of tags) {
      const check = TAGS[tag];
      if (check && !check(v)) {
        out.push({
          field: field.json,
          detail: `Validation failed for tag "${tag}" with value: "${String(v)}"`,
        });
        break;
      }
    }
  }
  return out;
}

/**
 * Coder's NameValid: 1–32 characters, alphanumerics separated by single hyphens, and not "new" or
 * "create" (they would clash with routes such as /templates/new).
 */
export function isCoderName(name: string): boolean {
  if (name === "new" || name === "create") return false;
  return name.length >= 1 && name.length <= 32 && /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/.test(name);
}

// go-playground's `email` tag is one RFC 5322-flavoured regular expression (run by Go's linear
// RE2 engine). This is the same language, split so that JavaScript's backtracking engine cannot
// be made to run for ever on a hostile address:
//   local part  = dot-atom of atext (ASCII letters, digits, !#$%&'*+-/=?^_`{|}~ and the Unicode
//                 ranges U+00A0–U+D7FF, U+F900–U+FDCF, U+FDF0–U+FFEF), or a quoted string;
//   domain      = one or more labels followed by ".", then a top-level label, then an optional
//                 final "."; labels begin and end with a letter, digit or Unicode character and may
//                 contain "-", ".", "_", "~" inside; the top-level label begins and ends with a
//                 letter (no digits) — so "user@localhost" and "a@b.1" are rejected, "a@b.c" passes.
const U = "\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF";
const LOCAL = new RegExp(
  `^(?:[A-Za-z0-9!#$%&'*+\\-/=?^_\`{|}~${U}]+(?:\\.[A-Za-z0-9!#$%&'*+\\-/=?^_\`{|}~${U}]+)*` +
    `|"(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\x21\\x23-\\x5b\\x5d-\\x7e ${U}\\t]` +
    `|\\\\[\\x01-\\x09\\x0b\\x0c\\x0d-\\x7f${U}])*")$`,
);
const DOMAIN_CHAR = new RegExp(`^[A-Za-z0-9\\-._~${U}]$`);
const LABEL_EDGE = new RegExp(`^[A-Za-z0-9${U}]$`);
const TLD_EDGE = new RegExp(`^[A-Za-z${U}]$`);

export function isEmail(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at <= 0) return false;
  const local = value.slice(0, at);
  let domain = value.slice(at + 1);
  if (local.includes("@") && !local.startsWith('"')) return false;
  if (!LOCAL.test(local)) return false;
  if (domain.endsWith(".")) domain = domain.slice(0, -1);
  const chars = [...domain];
  if (chars.length < 3) return false;
  if (!chars.every((c) => DOMAIN_CHAR.test(c))) return false;
  if (!LABEL_EDGE.test(chars[0] as string) || !TLD_EDGE.test(chars[chars.length - 1] as string)) {
    return false;
  }
  // Some "." must end a label (preceded by a label character) and start the top-level label.
  for (let i = 1; i < chars.length - 1; i++) {
    if (
      chars[i] === "." &&
      LABEL_EDGE.test(chars[i - 1] as string) &&
      TLD_EDGE.test(chars[i + 1] as string)
    ) {
      return true;
    }
  }
  return false;
}
