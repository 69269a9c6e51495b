import { Button } from "../../components/Button.tsx";

interface ResendCodeButtonProps {
  onClick: () => void;
  sending: boolean;
  /** Seconds until another code may be asked for (a 429, or our pause between emails). */
  waitSeconds: number;
}

/** Asking for another code: the same name as the first request, whatever the wait. */
export function ResendCodeButton({ onClick, sending, waitSeconds }: ResendCodeButtonProps) {
  return (
    <Button
      variant="secondary"
      onClick={onClick}
      pending={sending}
      pendingLabel="Sending…"
      waitSeconds={waitSeconds}
    >
      Email me a code
    </Button>
  );
}
