// The "new password" and "confirm password" rules every password-setting form uses.
import * as z from "zod/mini";
import { validatePassword } from "../password/index.ts";

export interface ServerVerdict {
  password: string;
  valid: boolean;
  details: string;
}

/**
 * The server's rule, run locally. When the server has already judged this exact password, its
 * answer wins (a future Coder with another rule still gets its way).
 */
export function newPasswordField(serverVerdict: () => ServerVerdict | undefined = () => undefined) {
  return z.string().check(
    z.minLength(1, "Enter a new password."),
    z.superRefine((password, ctx) => {
      const server = serverVerdict();
      const verdict = server && server.password === password ? server : validatePassword(password);
      if (!verdict.valid)
        ctx.issues.push({
          code: "custom",
          message: describeRuleFailure(verdict.details),
          input: password,
        });
    }),
  );
}

/** The server's sentence, in plainer words where we can say the same facts better. */
export function describeRuleFailure(details: string): string {
  if (details === "password must be no more than 64 characters")
    return "This password is too long: at most 64 bytes (accented letters count 2, emoji 4).";
  if (details.startsWith("insecure password"))
    return "This password is too easy to guess. Make it longer or mix in other kinds of characters.";
  return details || "This password isn't accepted.";
}

/** Adds "confirmation must match" to an object schema with `password` and `confirm_password`. */
export const confirmationMatches = z.refine<{ password: string; confirm_password: string }>(
  (values) => values.confirm_password === "" || values.password === values.confirm_password,
  { message: "The passwords don't match.", path: ["confirm_password"] },
);

export const confirmPasswordField = z
  .string()
  .check(z.minLength(1, "Type the new password again."));
