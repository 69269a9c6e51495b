import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { validatePasswordQuery } from "../api/passwords.ts";
import type { ServerVerdict } from "../forms/password-fields.ts";
import { type PasswordStrength, passwordStrength } from "../password/index.ts";
import { useDebouncedValue } from "./useDebouncedValue.ts";

export const SERVER_CHECK_DELAY_MS = 400;

export interface PasswordVerdictState {
  strength: PasswordStrength;
  /** The server's verdict on exactly the current password, once it has one. */
  server: ServerVerdict | undefined;
  /** The password as it was when typing last paused (for announcements). */
  settledPassword: string;
}

/**
 * The local rule on every keystroke; with `checkWithServer`, also the server's verdict, asked once
 * typing pauses (a newer pause cancels the older request, because the query consumes its signal).
 */
export function usePasswordVerdict(
  password: string,
  checkWithServer: boolean,
): PasswordVerdictState {
  const strength = useMemo(() => passwordStrength(password), [password]);
  const settledPassword = useDebouncedValue(password, SERVER_CHECK_DELAY_MS);
  const query = useQuery({
    ...validatePasswordQuery(settledPassword),
    enabled: checkWithServer && settledPassword.length > 0,
  });
  const server =
    checkWithServer && query.data && settledPassword === password
      ? { password, valid: query.data.valid, details: query.data.details }
      : undefined;
  return { strength, server, settledPassword };
}
