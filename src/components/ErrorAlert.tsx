import type { ReactNode } from "react";
import { type ApiError, isApiError } from "../api/errors.ts";
import { asSentence } from "../lib/sentence.ts";
import { Alert } from "./Alert.tsx";
import { formatSeconds, useRetryCountdown } from "./useCountdown.ts";

const GENERIC = "Something went wrong. Try again.";
/** Coder's default when a 429 carries no Retry-After; the guard waits as long (useCountdown.ts). */
const DEFAULT_RETRY_SECONDS = 60;

interface ErrorAlertProps {
  error: unknown;
  /** Replaces the message for specific statuses (e.g. a friendlier 401 on the sign-in form). */
  describe?: (error: ApiError) => ReactNode | undefined;
  children?: ReactNode;
}

/**
 * A form's failure, in words a person can act on. Server text is rendered as text (React escapes
 * it), never as markup.
 *
 * A 429 is said twice and only twice: how long to wait when it arrives, and that the wait is over
 * when it ends. The seconds tick on the button (not a live region), so a screen reader is not
 * read a number every second.
 */
export function ErrorAlert({ error, describe, children }: ErrorAlertProps) {
  const secondsLeft = useRetryCountdown(error);
  if (!error) return null;

  let message: ReactNode = GENERIC;
  if (isApiError(error)) message = describe?.(error) ?? asSentence(error.message);
  const rateLimited = isApiError(error) && error.status === 429;

  return (
    <Alert tone="error" focusOnMount>
      {rateLimited ? (
        <p>
          {secondsLeft > 0
            ? `Too many attempts. You can try again in ${formatSeconds(
                error.retryAfterSeconds ?? DEFAULT_RETRY_SECONDS,
              )}.`
            : "The wait is over: you can try again now."}
        </p>
      ) : (
        <p>{message}</p>
      )}
      {children}
    </Alert>
  );
}
