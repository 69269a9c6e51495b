import type { ReactNode } from "react";
import { type ApiError, isApiError } from "../api/errors.ts";
import { Alert } from "./Alert.tsx";
import { formatSeconds, useRetryCountdown } from "./useCountdown.ts";

const GENERIC = "Something went wrong. Try again.";

interface ErrorAlertProps {
  error: unknown;
  /** Replaces the message for specific statuses (e.g. a friendlier 401 on the sign-in form). */
  describe?: (error: ApiError) => ReactNode | undefined;
  children?: ReactNode;
}

/**
 * A form's failure, in words a person can act on. Server text is rendered as text (React escapes
 * it), never as markup. A 429 counts down from Retry-After.
 */
export function ErrorAlert({ error, describe, children }: ErrorAlertProps) {
  const secondsLeft = useRetryCountdown(error);
  if (!error) return null;

  let message: ReactNode = GENERIC;
  if (isApiError(error)) message = describe?.(error) ?? error.message;

  return (
    <Alert tone="error" focusOnMount>
      {isApiError(error) && error.status === 429 ? (
        <p>
          Too many attempts.{" "}
          {secondsLeft > 0 ? (
            <>
              You can try again in <span>{formatSeconds(secondsLeft)}</span>.
            </>
          ) : (
            "You can try again now."
          )}
        </p>
      ) : (
        <p>{message}</p>
      )}
      {children}
    </Alert>
  );
}
