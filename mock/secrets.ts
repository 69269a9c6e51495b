// Randomness, secret hashing and the signed conversion token.
//
// node:crypto is used directly: the mock only ever runs in Node (Vite's server, `npm run mock`,
// Vitest in both its node and jsdom environments), never in a browser, and its synchronous
// hashing keeps `reset()` and seeding synchronous.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** cryptorand.String: uniformly random [a-zA-Z0-9] characters (rejection sampling, no modulo bias). */
export function randomAlnum(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALNUM[byte % 62];
    }
  }
  return out;
}

export function sha256(data: string): Buffer {
  return createHash("sha256").update(data, "utf8").digest();
}

// Passwords and one-time passcodes. Coder stores PBKDF2-SHA256 with 65,535 iterations; that costs
// tens of milliseconds per hash, and the unit tests log in hundreds of times. A salted SHA-256 has
// the same observable behaviour (one-way, salted, exact comparison) at a fraction of the cost.
// The comparison is constant-time and, like Coder's, does the same work when there is no hash.

const EMPTY_HASH_STANDIN = hashSecret("");

export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = createHash("sha256").update(salt).update(secret, "utf8").digest();
  return `$sha256$${salt.toString("base64")}$${hash.toString("base64")}`;
}

export function compareSecret(hashed: string, secret: string): boolean {
  const usable = hashed !== "";
  const [, algo, saltB64, hashB64] = (usable ? hashed : EMPTY_HASH_STANDIN).split("$");
  if (algo !== "sha256" || saltB64 === undefined || hashB64 === undefined) return false;
  const expected = Buffer.from(hashB64, "base64");
  const actual = createHash("sha256")
    .update(Buffer.from(saltB64, "base64"))
    .update(secret, "utf8")
    .digest();
  return timingSafeEqual(expected, actual) && usable;
}

export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

// ---------------------------------------------------------------------------------------------
// The `coder_oauth_convert_jwt` cookie: a real HS256 JWT (header.claims.signature, base64url) so it
// looks like Coder's to anyone who inspects it. Coder signs it with a rotating "oidc_convert" key;
// here each reset() makes a new key, so a cookie from before a reset is rejected the way a
// cookie from another deployment is.

export interface SigningKey {
  id: string;
  secret: Buffer;
}

export function newSigningKey(): SigningKey {
  return { id: randomAlnum(16), secret: randomBytes(32) };
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export function signJwt(claims: Record<string, unknown>, key: SigningKey): string {
  const header = b64url(JSON.stringify({ alg: "HS256", kid: key.id, typ: "JWT" }));
  const payload = b64url(JSON.stringify(claims));
  const signature = createHmac("sha256", key.secret).update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${b64url(signature)}`;
}

export type JwtVerdict =
  | { ok: true; claims: Record<string, unknown> }
  /** jwtutils' sentinel errors (unknown key id, bad signature): "invalid jwt". */
  | { ok: false; kind: "untrusted" }
  /** Anything else, with go-jose's text: "Error parsing jwt: …". */
  | { ok: false; kind: "error"; message: string };

export function verifyJwt(token: string, key: SigningKey, nowMs: number): JwtVerdict {
  const parts = token.split(".");
  if (parts.length !== 3) {
    return {
      ok: false,
      kind: "error",
      message: "parse jwt: go-jose/go-jose: compact JWS format must have three parts",
    };
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: { kid?: unknown };
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8"));
  } catch {
    return { ok: false, kind: "error", message: "parse jwt: go-jose/go-jose: invalid object" };
  }
  if (header.kid !== key.id) return { ok: false, kind: "untrusted" };
  const expected = createHmac("sha256", key.secret).update(`${headerPart}.${payloadPart}`).digest();
  if (!constantTimeEqual(expected, Buffer.from(signaturePart, "base64url"))) {
    return { ok: false, kind: "untrusted" };
  }
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.exp === "number" && now > claims.exp) {
    return {
      ok: false,
      kind: "error",
      message: "validate: go-jose/go-jose/jwt: validation failed, token is expired (exp)",
    };
  }
  if (typeof claims.nbf === "number" && now < claims.nbf) {
    return {
      ok: false,
      kind: "error",
      message: "validate: go-jose/go-jose/jwt: validation failed, token not valid yet (nbf)",
    };
  }
  return { ok: true, claims };
}
