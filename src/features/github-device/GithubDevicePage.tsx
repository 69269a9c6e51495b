// /login/device: GitHub sign-in through the device flow, for deployments on Coder's default
// GitHub app. Coder's callback sends the browser here with `?state=…` (see api/github-device.ts);
// the page gets a one-time code, the person enters it on GitHub, and the page polls until GitHub
// says yes, no, or the code runs out.
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useSearchParams } from "react-router";
import { githubDeviceQuery, githubSignInUrl } from "../../api/github-device.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import type { AuthChrome } from "../../components/AuthLayout.tsx";
import { useAuthChrome } from "../../components/useAuthChrome.ts";
import { safeRedirect } from "../../lib/safe-redirect.ts";
import { type DeviceScreen, GithubDevicePageView } from "./GithubDevicePageView.tsx";
import { useDevicePolling } from "./useDevicePolling.ts";

export function GithubDevicePage() {
  const [params] = useSearchParams();
  const chrome = useAuthChrome();
  const state = params.get("state");
  if (!state) {
    // Reached without Coder's state (a bookmark, a link with only ?redirect=): start properly.
    const startUrl = githubSignInUrl(safeRedirect(params.get("redirect")));
    return <GithubDevicePageView chrome={chrome} screen={{ kind: "no-state", startUrl }} />;
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

  const onNewCode = () => void device.refetch();
  let screen: DeviceScreen;
  if (device.isError) {
    screen = { kind: "failed", error: device.error, retrying: device.isFetching, onNewCode };
  } else if (!device.data || device.isFetching) {
    screen = { kind: "getting-code" };
  } else if (status.kind === "waiting") {
    screen = { kind: "waiting", device: device.data, expiresAt, unreachable: status.unreachable };
  } else if (status.kind === "signed-in") {
    screen = { kind: "signed-in", redirectTo: status.redirectTo };
  } else {
    screen = { kind: "stopped", status, onNewCode };
  }

  return <GithubDevicePageView chrome={chrome} screen={screen} />;
}
