import { Button } from "../../components/Button.tsx";

interface ResendCodeButtonProps {
  onClick: () => void;
  sending: boolean;
  /** Seconds left of a server rate limit (429). */
  rateLimitedFor: number;
  /** Seconds left of our own courtesy wait between codes. */
  coolingFor: number;
}

/** "Send a new code", saying why it waits when it must. */
export function ResendCodeButton({
  onClick,
  sending,
  rateLimitedFor,
  coolingFor,
}: ResendCodeButtonProps) {
  return (
    <Button
      variant="secondary"
      onClick={onClick}
      pending={sending || rateLimitedFor > 0 || coolingFor > 0}
      pendingLabel={
        sending
          ? "Sending…"
          : rateLimitedFor > 0
            ? `Try again in ${rateLimitedFor} s`
            : `New code in ${coolingFor} s`
      }
    >
      Send a new code
    </Button>
  );
}
