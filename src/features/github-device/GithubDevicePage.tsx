// /login/device: GitHub sign-in through the device flow, for deployments on Coder's default
// GitHub app. Coder's callback sends the browser here with `?state=…` (see api/github-device.ts);
// the page gets a one-time code, the person enters it on GitHub, and the page polls until GitHub
// says yes, no, or the code runs out.
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { isApiError } from "../../api/errors.ts";
import { githubDeviceQuery, githubSignInUrl } from "../../api/github-device.ts";
import type { ExternalAuthDevice } from "../../api/schemas.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { Alert } from "../../components/Alert.tsx";
import { type AuthChrome, AuthLayout } from "../../components/AuthLayout.tsx";
import { Button } from "../../components/Button.tsx";
import { useAuthChrome } from "../../components/useAuthChrome.ts";
import { useCountdown } from "../../components/useCountdown.ts";
import { httpUrl } from "../../lib/external-url.ts";
import { safeRedirect } from "../../lib/safe-redirect.ts";
import { asSentence } from "../../lib/sentence.ts";
import { loginMessages, ssoRefusal } from "../../session/login-messages.ts";
import { type DevicePollStatus, useDevicePolling } from "./useDevicePolling.ts";

const TITLE = "Sign in with GitHub";

const backToSignIn = (
  <p>
    <Link to="/login">Back to sign in</Link>
  </p>
);

export function GithubDevicePage() {
  const [params] = useSearchParams();
  const chrome = useAuthChrome();
  const state = params.get("state");
  if (!state) {
    // Reached without Coder's state (a bookmark, a link with only ?redirect=): start properly.
    const start = githubSignInUrl(safeRedirect(params.get("redirect")));
    return (
      <AuthLayout chrome={chrome} title={TITLE} footer={backToSignIn}>
        <p>
          This page is the second step of signing in with GitHub, and can't be opened on its own.
        </p>
        <div className="actions">
          <a className="button primary" href={start}>
            Start GitHub sign-in
          </a>
        </div>
      </AuthLayout>
    );
  }
  return <DeviceSignIn chrome={chrome} state={state} />;
}

function DeviceSignIn({ chrome, state }: { chrome: AuthChrome; state: string }) {
  const device = useQuery(githubDeviceQuery());
  // Every fetch is a new code; it runs out `expires_in` seconds after it arrived.
  const expiresAt = device.data ? device.dataUpdatedAt + device.data.expires_in * 1000 : 0;
  const status = useDevicePolling(device.data, state, expiresAt);

  useEffect(() => {
    // A full page load: the session cookie is set, and the target may be one of Coder's pages.
    if (status.kind === "signed-in") fullPageNavigation.assign(status.redirectTo);
  }, [status]);

  const newCode = () => void device.refetch();

  let body: ReactNode;
  if (device.isError) {
    body = (
      <Alert tone="error" focusOnMount>
        <p>
          GitHub sign-in couldn't start.{" "}
          {isApiError(device.error) ? asSentence(device.error.message) : "Something went wrong."}
        </p>
        <div className="actions">
          <Button variant="secondary" onClick={newCode} pending={device.isFetching}>
            Try again
          </Button>
        </div>
      </Alert>
    );
  } else if (!device.data || device.isFetching) {
    body = (
      <p role="status" className="waiting">
        <span className="spinner" aria-hidden="true" />
        Getting a one-time code…
      </p>
    );
  } else if (status.kind === "signed-in") {
    body = (
      <p role="status">
        Signed in. Taking you on… <a href={status.redirectTo}>Continue</a>
      </p>
    );
  } else if (status.kind === "waiting") {
    body = (
      <DeviceCode device={device.data} expiresAt={expiresAt} unreachable={status.unreachable} />
    );
  } else {
    body = <Stopped status={status} onNewCode={newCode} />;
  }

  return (
    <AuthLayout chrome={chrome} title={TITLE} footer={backToSignIn}>
      {body}
    </AuthLayout>
  );
}

/** What ended the wait, and the way on: a new code. */
function Stopped({
  status,
  onNewCode,
}: {
  status: Exclude<DevicePollStatus, { kind: "waiting" | "signed-in" }>;
  onNewCode: () => void;
}) {
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
