import type { ReactNode } from "react";
import { Button } from "./Button.tsx";
import type { SubmitGuard } from "./useSubmitGuard.ts";

interface SubmitButtonProps {
  guard: Pick<SubmitGuard, "busy" | "retryIn">;
  /** What the button says while the request is out ("Signing in…"). */
  busyLabel: ReactNode;
  /** Another reason to wait, with what to say meanwhile (a courtesy wait between emails). */
  waiting?: { label: ReactNode } | undefined;
  block?: boolean;
  children: ReactNode;
}

/** A form's submit button that says why it can't be pressed: sending, or a wait the server asked for. */
export function SubmitButton({ guard, busyLabel, waiting, block, children }: SubmitButtonProps) {
  const { busy, retryIn } = guard;
  return (
    <Button
      type="submit"
      block={block}
      pending={busy || retryIn > 0 || waiting !== undefined}
      pendingLabel={busy ? busyLabel : retryIn > 0 ? `Try again in ${retryIn} s` : waiting?.label}
    >
      {children}
    </Button>
  );
}
