// The Go behaviours the mock imitates: JSON encoding and decoding, email validation, redirects.
import { describe, expect, it } from "vitest";
import {
  decodeFirstJsonValue,
  decodeStruct,
  goJson,
  goQueryEscape,
  goQuote,
  goTimeJson,
  goTimeString,
  MAX_NESTING_DEPTH,
} from "./go-json.ts";
import { isEmail } from "./http-read.ts";
import { goDuration } from "./rate-limit.ts";
import { safeRedirectPath } from "./redirect.ts";
import { LoginWithPasswordRequest } from "./structs.ts";

describe("goJson", () => {
  it("escapes <, > and & and ends with a newline", () => {
    expect(goJson({ message: "<b>Tom & Jerry</b>" })).toBe(
      '{"message":"\\u003cb\\u003eTom \\u0026 Jerry\\u003c/b\\u003e"}\n',
    );
  });
  it("escapes U+2028 and U+2029", () => {
    expect(goJson("\u2028\u2029")).toBe('"\\u2028\\u2029"\n');
  });
});

describe("Go formatting helpers", () => {
  it("quotes like %q", () => {
    expect(goQuote('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(goQuote("oidc")).toBe('"oidc"');
  });
  it("escapes like url.QueryEscape", () => {
    expect(goQueryEscape("a b+c@d.com")).toBe("a+b%2Bc%40d.com");
  });
  it("formats times like time.Time", () => {
    expect(goTimeJson(Date.parse("2026-01-02T03:04:05.120Z"))).toBe("2026-01-02T03:04:05.12Z");
    expect(goTimeJson(Date.parse("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05Z");
    expect(goTimeString(Date.parse("2026-01-02T03:04:05.5Z"))).toBe(
      "2026-01-02 03:04:05.5 +0000 UTC",
    );
  });
  it("prints durations like %v", () => {
    expect(goDuration(60_000)).toBe("1m0s");
    expect(goDuration(5_000)).toBe("5s");
  });
});

describe("decodeFirstJsonValue", () => {
  it.each([
    ["", "EOF"],
    ["{", "unexpected EOF"],
    ["tru", "unexpected EOF"],
    ["trux", "invalid character 'x' in literal true (expecting 'e')"],
    ["{x", "invalid character 'x' looking for beginning of object key string"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ["[1 2]", "invalid character '2' after array element"],
    ["-x", "invalid character 'x' in numeric literal"],
    ["1.x", "invalid character 'x' after decimal point in numeric literal"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ['"a\nb"', "invalid character '\\n' in string literal"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
  ])("%j → %s", (text, error) => {
    expect(decodeFirstJsonValue(text)).toEqual({ ok: false, error });
  });

  it("reads only the first value", () => {
    expect(decodeFirstJsonValue('{"a":1}{"b":')).toEqual({ ok: true, value: { a: 1 } });
    expect(decodeFirstJsonValue("1x")).toEqual({ ok: true, value: 1 });
  });

  it("turns lone surrogates into U+FFFD, as Go does", () => {
    expect(decodeFirstJsonValue('"\\ud800x"')).toEqual({ ok: true, value: "\ufffdx" });
    expect(decodeFirstJsonValue('"\\ud83d\\ude00"')).toEqual({ ok: true, value: "😀" });
  });

  it("nests as deep as Go allows (10,000) without running out of stack", () => {
    const deep = (n: number, open = "[", close = "]") => `${open.repeat(n)}${close.repeat(n)}`;
    const result = decodeFirstJsonValue(deep(MAX_NESTING_DEPTH));
    expect(result.ok).toBe(true);
    let level = (result as { value: unknown }).value;
    let depth = 0;
    while (Array.isArray(level)) {
      depth++;
      level = level[0];
    }
    expect(depth).toBe(MAX_NESTING_DEPTH);
    const objects = `${'{"a":'.repeat(MAX_NESTING_DEPTH)}1${"}".repeat(MAX_NESTING_DEPTH)}`;
    expect(decodeFirstJsonValue(objects).ok).toBe(true);
  });

  it("answers Go's syntax error one level deeper, and for any depth beyond", () => {
    const error = "invalid character '[' exceeded max depth";
    expect(decodeFirstJsonValue("[".repeat(MAX_NESTING_DEPTH + 1))).toEqual({ ok: false, error });
    expect(decodeFirstJsonValue("[".repeat(1_000_000))).toEqual({ ok: false, error });
    expect(decodeFirstJsonValue(`{"a":${'{"b":'.repeat(MAX_NESTING_DEPTH)}`)).toEqual({
      ok: false,
      error: "invalid character '{' exceeded max depth",
    });
  });

  it("keeps structure and order through nesting", () => {
    expect(decodeFirstJsonValue('{"a":[1,{"b":[[],{}]},"x"],"c":{"d":null}}')).toEqual({
      ok: true,
      value: { a: [1, { b: [[], {}] }, "x"], c: { d: null } },
    });
    expect(decodeFirstJsonValue("[[1,2],[3,[4]]] trailing")).toEqual({
      ok: true,
      value: [
        [1, 2],
        [3, [4]],
      ],
    });
  });
});

describe("decodeStruct", () => {
  it("matches field names case-insensitively, skips unknown fields and nulls", () => {
    expect(
      decodeStruct({ EMAIL: "a@b.c", password: null, extra: [1] }, LoginWithPasswordRequest),
    ).toEqual({ ok: true, value: { email: "a@b.c", password: "" } });
  });
  it("reports the first type error", () => {
    expect(decodeStruct({ email: true, password: 1 }, LoginWithPasswordRequest)).toEqual({
      ok: false,
      error:
        "json: cannot unmarshal bool into Go struct field LoginWithPasswordRequest.email of type string",
    });
  });
});

describe("the email tag", () => {
  it.each([
    "admin@coder.com",
    "first.last+tag@sub.example.org",
    "a@b.c",
    "user@example.com.",
    "o'brien@example.ie",
    '"quoted local"@example.com',
    "jörg@bücher.example",
  ])("accepts %s", (email) => {
    expect(isEmail(email)).toBe(true);
  });

  it.each([
    "",
    "admin",
    "admin@",
    "@coder.com",
    "admin@localhost",
    "admin@coder.c0m1",
    "a..b@example.com",
    ".a@example.com",
    "a b@example.com",
    "a@-example.com",
    "a@example..com",
    "a@b@example.com",
  ])("rejects %j", (email) => {
    expect(isEmail(email)).toBe(false);
  });

  it("stays fast on hostile input", () => {
    const started = performance.now();
    isEmail(`a@${"a.".repeat(5000)}!`);
    isEmail(`${"a".repeat(100_000)}@`);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe("safeRedirectPath", () => {
  it.each([
    ["/settings/security?x=1", "/settings/security?x=1"],
    ["http://www.evil.com/bar/baz", "/bar/baz"],
    ["//evil.com/path", "/path"],
    ["///evil.com", "/evil.com"],
    ["/\\evil.com", "/"],
    ["/%2fevil.com", "/%2fevil.com"],
    ["https://cure53.de//cure53.de", "/cure53.de"],
    ["/.//evil.com", "/evil.com"],
    ["javascript:alert(1)", "/"],
    ["/\t/evil.com", "/"],
    ["/login?message=Login type changed#frag", "/login?message=Login type changed"],
    ["relative/path", "/relative/path"],
  ])("%j → %j", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
