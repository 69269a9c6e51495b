// Field rules shared by every form, so each page says the same thing about the same input.
import * as z from "zod/mini";
import { EMAIL_PATTERN } from "./email-pattern.ts";

/** Trimmed, required, and shaped like an address (the server checks it properly). */
export const emailField = z.string().check(
  z.trim(),
  z.minLength(1, "Enter your email address."),
  z.email({
    pattern: EMAIL_PATTERN,
    error: "Enter a valid email address, like name@example.com.",
  }),
);

export const requiredPassword = (message: string) => z.string().check(z.minLength(1, message));

/** What every form that asks for the current password says about it (docs/copy.md). */
export const CURRENT_PASSWORD = {
  missing: "Enter your current password.",
  wrong: "That isn't your current password.",
  /** The new password is the one the account has now. */
  reused: "This is your current password. Choose a different one.",
} as const;
