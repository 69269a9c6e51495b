import { type AuthChrome, AuthLayout } from "../../components/AuthLayout.tsx";
import { Button } from "../../components/Button.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TokenField } from "./TokenField.tsx";

export interface CliAuthPageViewProps {
  chrome: AuthChrome;
  /** Who is signed in, once known. */
  email: string | undefined;
  /** The CLI's new session token, once made. */
  token: string | null;
  /** Why no token was made (null: none failed). */
  failure: unknown;
  /** A new try is under way. */
  retrying: boolean;
  /** Seconds the server asked to wait before another try. */
  retryIn: number;
  onRetry: () => void;
}

/** `/cli-auth`'s markup, from props alone (CliAuthPage makes the token). */
export function CliAuthPageView({
  chrome,
  email,
  token,
  failure,
  retrying,
  retryIn,
  onRetry,
}: CliAuthPageViewProps) {
  return (
    <AuthLayout chrome={chrome} title="CLI sign-in" heading="Sign in to the Coder CLI">
      {token ? (
        <>
          <p className="lead">
            {email ? (
              <>
                Signed in as <strong>{email}</strong>.{" "}
              </>
            ) : null}
            Copy this session token and paste it into your terminal, where <code>coder login</code>{" "}
            is waiting for it.
          </p>
          <TokenField token={token} />
          <p>
            It works like a password for the CLI, for a week after its last use: keep it to
            yourself. Changing your password signs it out.
          </p>
          <div className="actions">
            {/* Coder's dashboard: a full page load. */}
            <a className="button secondary" href="/">
              Go to Coder
            </a>
          </div>
        </>
      ) : failure ? (
        <ErrorAlert error={failure}>
          <p>No token was made for the CLI.</p>
          <div className="actions">
            <Button
              variant="secondary"
              onClick={onRetry}
              pending={retrying}
              pendingLabel="Making a token…"
              waitSeconds={retryIn}
            >
              Try again
            </Button>
          </div>
        </ErrorAlert>
      ) : (
        <p role="status">Making a session token for the CLI…</p>
      )}
    </AuthLayout>
  );
}
