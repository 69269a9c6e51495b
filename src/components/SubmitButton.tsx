import type { ReactNode } from "react";
import { Button } from "./Button.tsx";
import type { SubmitGuard } from "./useSubmitGuard.ts";

/** A guard with nothing out and no wait: a form's stand-in before its code is in. */
export const IDLE: Pick<SubmitGuard, "busy" | "retryIn"> = { busy: false, retryIn: 0 };

/** A stand-in whose submit waits for the form's code: it says so, as the form will. */
export const SENDING: Pick<SubmitGuard, "busy" | "retryIn"> = { busy: true, retryIn: 0 };

interface SubmitButtonProps {
  guard: Pick<SubmitGuard, "busy" | "retryIn">;
  /** What the button says while the request is out ("Signing in…"). */
  busyLabel: ReactNode;
  /** Seconds of another wait (the courtesy pause between two emails); 0 when none. */
  waitSeconds?: number;
  block?: boolean;
  children: ReactNode;
}

/**
 * A form's submit button that says why it can't be pressed: sending (a spinner), or a wait (the
 * action's own name and the seconds left; no spinner, since nothing is loading).
 */
export function SubmitButton({
  guard,
  busyLabel,
  waitSeconds = 0,
  block,
  children,
}: SubmitButtonProps) {
  const { busy, retryIn } = guard;
  return (
    <Button
      type="submit"
      block={block}
      pending={busy}
      pendingLabel={busyLabel}
      waitSeconds={Math.max(retryIn, waitSeconds)}
    >
      {children}
    </Button>
  );
}
