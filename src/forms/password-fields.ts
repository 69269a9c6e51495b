// The "new password" and "confirm password" rules every password-setting form uses.
import * as z from "zod/mini";
import { validatePassword } from "../password/index.ts";
import { describeRuleFailure } from "./rule-failure.ts";

export interface ServerVerdict {
  password: string;
  valid: boolean;
  details: string;
}

/**
 * The server's rule, run locally. When the server has already judged this exact password, its
 * answer wins (a future Coder with another rule still gets its way).
 */
export function newPasswordField(
  serverVerdict: () => ServerVerdict | undefined = () => undefined,
  /** What an empty field is told: "new" only where there is an old password to replace. */
  emptyMessage = "Enter a new password.",
) {
  return z.string().check(
    z.minLength(1, emptyMessage),
    z.superRefine((password, ctx) => {
      // An empty field already has its own message; "too easy to guess" on top would be noise.
      if (password === "") return;
      const server = serverVerdict();
      const verdict = server && server.password === password ? server : validatePassword(password);
      if (!verdict.valid)
        ctx.issues.push({
          code: "custom",
          message: describeRuleFailure(verdict.details),
          input: password,
          // Without this, zod treats the issue as fatal and skips the form's own checks (such as
          // confirmationMatches), so a mismatch would only surface after the password was fixed.
          continue: true,
        });
    }),
  );
}

/** Adds "confirmation must match" to an object schema with `password` and `confirm_password`. */
export const confirmationMatches = z.refine<{ password: string; confirm_password: string }>(
  (values) => values.confirm_password === "" || values.password === values.confirm_password,
  { message: "The passwords don't match.", path: ["confirm_password"] },
);

export const confirmPasswordField = z
  .string()
  .check(z.minLength(1, "Type the new password again."));
