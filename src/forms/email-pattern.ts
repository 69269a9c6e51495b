// What every form accepts as an email address: zod's own pattern for `z.email()`, held here
// without zod so a page can ask "is this an address?" before the form code has loaded (a reset
// link's `?email=` decides whether the form asks for it). email-pattern.test.ts holds it equal
// to zod's.
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** Shaped like an address once trimmed, as the email field reads it. */
export const isEmailShaped = (value: string): boolean => EMAIL_PATTERN.test(value.trim());
