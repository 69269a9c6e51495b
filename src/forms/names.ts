// Coder's rules for a username and a person's full name (codersdk NameValid, UserRealNameValid),
// checked here before the server does, in our words.
import * as z from "zod/mini";

const USERNAME_MAX_LENGTH = 32;
const FULL_NAME_MAX_BYTES = 128;

/** Letters and digits in runs, joined by single hyphens: no hyphen first, last or twice. */
const USERNAME_PATTERN = /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/;
/** Taken by routes such as /templates/new, so Coder refuses them (case matters, as in Go). */
const RESERVED_NAMES = new Set(["new", "create"]);

const utf8Length = (value: string) => new TextEncoder().encode(value).length;

/** Whether Coder accepts `name` as a username. */
export function isValidUsername(name: string): boolean {
  return (
    name.length <= USERNAME_MAX_LENGTH && !RESERVED_NAMES.has(name) && USERNAME_PATTERN.test(name)
  );
}

export const usernameField = z.string().check(
  z.trim(),
  z.minLength(1, "Choose a username."),
  z.maxLength(USERNAME_MAX_LENGTH, `Use at most ${USERNAME_MAX_LENGTH} characters.`),
  z.refine(
    (name) => !RESERVED_NAMES.has(name),
    "Coder keeps this name for itself; choose another.",
  ),
  z.regex(
    USERNAME_PATTERN,
    "Use only letters, digits and single hyphens, starting and ending with a letter or digit.",
  ),
);

/** Optional. Surrounding spaces are dropped rather than refused; the limit is in UTF-8 bytes. */
export const fullNameField = z.string().check(
  z.trim(),
  z.refine(
    (name) => utf8Length(name) <= FULL_NAME_MAX_BYTES,
    `Use at most ${FULL_NAME_MAX_BYTES} bytes (accented letters count 2, emoji 4).`,
  ),
);

/**
 * A username made from an email address, as the first user types it: the part before the last
 * "@", accents dropped, every run of other characters turned into one hyphen, lower case, cut
 * to fit. Empty while there is nothing to go on; "admin" when nothing usable is left.
 */
export function suggestUsername(email: string): string {
  const trimmed = email.trim();
  if (trimmed === "") return "";
  const at = trimmed.lastIndexOf("@");
  const local = at >= 0 ? trimmed.slice(0, at) : trimmed;
  if (local === "") return "";
  let name = local
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, USERNAME_MAX_LENGTH)
    .replace(/-+$/, "");
  if (RESERVED_NAMES.has(name)) name = `${name}-admin`;
  return isValidUsername(name) ? name : "admin";
}
