// The one-time passcode as people actually handle it: copied out of an email, with stray spaces,
// line breaks, capitals from a phone keyboard, or the whole link instead of the code.
import { isEmailShaped } from "../../forms/email-pattern.ts";

/** Coder's passcodes are lowercase UUIDs (v4 today; any version is accepted, the server decides). */
export const PASSCODE_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What the person meant: no whitespace anywhere, lower case (Coder compares exactly and only
 * issues lowercase codes), the `otp` value if a whole link was pasted, hyphens restored if they
 * were lost.
 */
export function normalisePasscode(input: string): string {
  let code = input.replace(/\s+/g, "");
  const fromLink = /[?&]otp=([^&#]*)/i.exec(code);
  if (fromLink?.[1] !== undefined) code = safeDecode(fromLink[1]);
  code = code.toLowerCase();
  if (/^[0-9a-f]{32}$/.test(code))
    code = `${code.slice(0, 8)}-${code.slice(8, 12)}-${code.slice(12, 16)}-${code.slice(16, 20)}-${code.slice(20)}`;
  return code;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export const isPasscodeShaped = (code: string): boolean => PASSCODE_PATTERN.test(code);

export const PASSCODE_SHAPE_MESSAGE =
  "That isn't a whole code. Codes have 32 letters and digits in five groups, like 3f2b8c1e-9d4a-4b6f-8e2a-7c5d1f0a9b3e.";

export interface ResetLink {
  /** The passcode from `?otp=`, normalised; null when the link has none. */
  code: string | null;
  /** The address from `?email=`, trimmed; null when the link has none. */
  email: string | null;
}

/** The link's address can be used as it is (else the form asks for it). */
export const emailIsUsable = (email: string | null) => email !== null && isEmailShaped(email);

/** Reads Coder's emailed link: `/reset-password/change?otp=<uuid>&email=<address>`. */
export function readResetLink(search: string): ResetLink {
  const params = new URLSearchParams(search);
  const rawCode = params.get("otp");
  const rawEmail = params.get("email");
  const code = rawCode === null ? "" : normalisePasscode(rawCode);
  const email = rawEmail === null ? "" : rawEmail.trim();
  return { code: code === "" ? null : code, email: email === "" ? null : email };
}

/**
 * `?email=<address>`, or nothing. The only thing these pages put in a URL: the address is harmless
 * there (Coder's own links carry it) and lets a reload still know who this is for. The passcode
 * never goes in a URL.
 */
export function emailSearch(email: string | null): string {
  return email ? `?${new URLSearchParams({ email }).toString()}` : "";
}
