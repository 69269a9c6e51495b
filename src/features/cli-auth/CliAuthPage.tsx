import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { Navigate, useLocation } from "react-router";
import { createCliTokenMutation } from "../../api/cli-token.ts";
import { meQuery, sessionEndedElsewhere } from "../../api/session.ts";
import { useAuthChrome } from "../../components/useAuthChrome.ts";
import { useSubmitGuard } from "../../components/useSubmitGuard.ts";
import { loginPathFor } from "../../lib/safe-redirect.ts";
import { CliAuthPageView } from "./CliAuthPageView.tsx";

/**
 * `/cli-auth`, opened by `coder login`: a new session token for the CLI, made once per visit and
 * kept only in this page's memory (never in the URL, storage, a log or, once the page is gone,
 * the query cache).
 */
export function CliAuthPage() {
  const queryClient = useQueryClient();
  const location = useLocation();
  const me = useQuery(meQuery());
  const create = useMutation(createCliTokenMutation());
  const guard = useSubmitGuard();
  const chrome = useAuthChrome();
  const [token, setToken] = useState<string | null>(null);
  const signedIn = Boolean(me.data);
  const seenSignedIn = useRef(false);
  if (signedIn) seenSignedIn.current = true;

  const request = () =>
    guard.run(async () => {
      setToken(await create.mutateAsync());
      return undefined;
    });

  // Each request makes a token. React's development double effects ask twice; the guard's lock,
  // held while the first is out, turns the second away.
  const onSignedIn = useEffectEvent(() => void request());
  useEffect(() => {
    if (signedIn) onSignedIn();
  }, [signedIn]);

  if (me.data === null) {
    // Signed out on arrival: sign in, and come back here. Signed out while the page was open
    // (here or in another tab): the token goes with the page, and sign-in says why.
    if (!seenSignedIn.current) return <Navigate to={loginPathFor(location)} replace />;
    const ended = sessionEndedElsewhere(queryClient)?.event;
    const message =
      ended === "password-changed" ? "password-updated" : (ended ?? "session-expired");
    return <Navigate to={loginPathFor(location, message)} replace />;
  }

  return (
    <CliAuthPageView
      chrome={chrome}
      email={me.data?.email}
      token={token}
      failure={guard.failure}
      retrying={guard.busy}
      retryIn={guard.retryIn}
      onRetry={() => void request()}
    />
  );
}
