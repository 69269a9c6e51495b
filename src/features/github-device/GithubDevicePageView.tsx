import type { ReactNode } from "react";
import { useEffect, useRef, useState } from "react";
import { isApiError } from "../../api/errors.ts";
import type { ExternalAuthDevice } from "../../api/schemas.ts";
import { Alert } from "../../components/Alert.tsx";
import { AppLink } from "../../components/AppLink.tsx";
import { type AuthChrome, AuthLayout } from "../../components/AuthLayout.tsx";
import { Button } from "../../components/Button.tsx";
import { useCountdown } from "../../components/useCountdown.ts";
import { httpUrl } from "../../lib/external-url.ts";
import { asSentence } from "../../lib/sentence.ts";
import { loginMessages, ssoRefusal } from "../../session/login-messages.ts";
import type { DevicePollStatus } from "./useDevicePolling.ts";

const TITLE = "Sign in with GitHub";

const backToSignIn = (
  <p>
    <AppLink to="/login">Back to sign in</AppLink>
  </p>
);

type StoppedStatus = Exclude<DevicePollStatus, { kind: "waiting" | "signed-in" }>;

/** Where the device flow is, as the page shows it. */
export type DeviceScreen =
  /** Reached without Coder's state: the flow has to start over. */
  | { kind: "no-state"; startUrl: string }
  /** No code could be had. */
  | { kind: "failed"; error: unknown; retrying: boolean; onNewCode: () => void }
  | { kind: "getting-code" }
  | { kind: "waiting"; device: ExternalAuthDevice; expiresAt: number; unreachable: boolean }
  | { kind: "signed-in"; redirectTo: string }
  | { kind: "stopped"; status: StoppedStatus; onNewCode: () => void };

export interface GithubDevicePageViewProps {
  chrome: AuthChrome;
  screen: DeviceScreen;
}

/** `/login/device`'s markup, from props alone (GithubDevicePage gets the code and polls). */
export function GithubDevicePageView({ chrome, screen }: GithubDevicePageViewProps) {
  let body: ReactNode;
  switch (screen.kind) {
    case "no-state":
      body = (
        <>
          <p>
            This page is the second step of signing in with GitHub, and can't be opened on its own.
          </p>
          <div className="actions">
            <a className="button primary" href={screen.startUrl}>
              Start GitHub sign-in
            </a>
          </div>
        </>
      );
      break;
    case "failed":
      body = (
        <Alert tone="error" focusOnMount>
          <p>
            GitHub sign-in couldn't start.{" "}
            {isApiError(screen.error) ? asSentence(screen.error.message) : "Something went wrong."}
          </p>
          <div className="actions">
            <Button variant="secondary" onClick={screen.onNewCode} pending={screen.retrying}>
              Try again
            </Button>
          </div>
        </Alert>
      );
      break;
    case "getting-code":
      body = (
        <p role="status" className="waiting">
          <span className="spinner" aria-hidden="true" />
          Getting a one-time code…
        </p>
      );
      break;
    case "signed-in":
      body = (
        <p role="status">
          Signed in. Taking you on… <a href={screen.redirectTo}>Continue</a>
        </p>
      );
      break;
    case "waiting":
      body = (
        <DeviceCode
          device={screen.device}
          expiresAt={screen.expiresAt}
          unreachable={screen.unreachable}
        />
      );
      break;
    case "stopped":
      body = <Stopped status={screen.status} onNewCode={screen.onNewCode} />;
      break;
  }
  return (
    <AuthLayout chrome={chrome} title={TITLE} footer={backToSignIn}>
      {body}
    </AuthLayout>
  );
}

/** What ended the wait, and the way on: a new code. */
function Stopped({ status, onNewCode }: { status: StoppedStatus; onNewCode: () => void }) {
  let message: string;
  let newCodeHelps = true;
  switch (status.kind) {
    case "expired":
      message = status.unreachable
        ? "Coder couldn't be reached before the code ran out, so you weren't signed in. Check your connection, then get a new code."
        : "The code ran out before GitHub confirmed it. Get a new code to try again.";
      break;
    case "denied":
      message =
        "GitHub says the request was cancelled, so you were not signed in. Get a new code to try again, or go back and sign in another way.";
      break;
    case "refused": {
      // As the sign-in page explains the same refusal after a redirect; a new code helps only
      // where trying again can (not for an account Coder refuses, nor a lost start).
      const { error } = status;
      const id = ssoRefusal(error.status, error.fromServer ? error.message : undefined);
      message = loginMessages[id].text;
      newCodeHelps = id === "sso-failed-500" || id === "sso-failed";
      break;
    }
  }
  return (
    <Alert tone="error" focusOnMount>
      <p>{message}</p>
      {newCodeHelps ? (
        <div className="actions">
          <Button onClick={onNewCode}>Get a new code</Button>
        </div>
      ) : null}
    </Alert>
  );
}

function formatClock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}

function DeviceCode({
  device,
  expiresAt,
  unreachable,
}: {
  device: ExternalAuthDevice;
  expiresAt: number;
  unreachable: boolean;
}) {
  const secondsLeft = useCountdown(expiresAt);
  const verification = httpUrl(device.verification_uri);
  return (
    <>
      <ol className="device-steps">
        <li>
          <p>Copy this one-time code:</p>
          <div className="device-code-row">
            <code className="device-code">{device.user_code}</code>
            <CopyButton text={device.user_code} />
          </div>
        </li>
        <li>
          {verification ? (
            <>
              <p>Open GitHub and enter the code there.</p>
              <a
                className="button primary block"
                href={verification}
                target="_blank"
                rel="noopener noreferrer"
              >
                Open GitHub<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </>
          ) : (
            <p>Enter the code at {device.verification_uri}.</p>
          )}
        </li>
        <li>
          <p>Come back to this page: it signs you in as soon as GitHub confirms.</p>
        </li>
      </ol>
      {/* One live region, for changes that matter; the countdown is not in it. */}
      <p role="status" className="waiting">
        <span className="spinner" aria-hidden="true" />
        {unreachable
          ? "Can't reach Coder at the moment. Still trying…"
          : "Waiting for GitHub to confirm…"}
      </p>
      <p className="hint">
        The code expires in <span className="countdown">{formatClock(secondsLeft)}</span>.
      </p>
    </>
  );
}

/** Copies the code; says once whether that worked, and how to do it by hand when not. */
function CopyButton({ text }: { text: string }) {
  const [result, setResult] = useState<"copied" | "failed" | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(text);
      setResult("copied");
      timer.current = setTimeout(() => setResult(undefined), 4000);
    } catch {
      setResult("failed");
    }
  };

  return (
    <>
      <Button variant="secondary" onClick={() => void copy()}>
        Copy code
      </Button>
      <span role="status" className="copy-result">
        {result === "copied"
          ? "Copied."
          : result === "failed"
            ? "Couldn't copy: select the code and copy it."
            : ""}
      </span>
    </>
  );
}
