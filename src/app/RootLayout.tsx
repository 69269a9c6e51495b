import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useLayoutEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { focusIsFree } from "../components/useInitialFocus.ts";
import { startPage } from "./routes.ts";
import { SessionSync } from "./SessionSync.tsx";
import { SetupRedirect } from "./SetupRedirect.tsx";
import { takeOverStaticPage } from "./static-handoff.ts";

const startedLocation = new WeakMap<QueryClient, string>();

/**
 * Above every route. For each new location, starts the page's data and code together, before
 * anything below can suspend on either (this render is the first to see a navigation). On the
 * first render, takes over from the prerendered page. After each in-app navigation, moves focus
 * to the new page's heading so screen readers announce it and keyboard users start at the top (a
 * full page load already does both), unless the page has put focus on its own target
 * (useInitialFocus: the one field left to fill, say). Hears the other tabs' sign-ins and
 * sign-outs, and sends a deployment nobody has set up to /setup.
 */
export function RootLayout() {
  const location = useLocation();
  const queryClient = useQueryClient();
  // Once per location, remembered outside React: a first render that suspends is thrown away and
  // repeated, refs and all, and starting again would refetch a query that just failed (`users/me`
  // answering 500), suspend again, and never commit: a blank page hammering the server.
  if (startedLocation.get(queryClient) !== location.key) {
    startedLocation.set(queryClient, location.key);
    void startPage(location.pathname, queryClient);
  }

  const { pathname } = location;
  const previous = useRef<string | undefined>(undefined);
  // Before the first paint of the app: swap it in for the prerendered page.
  useLayoutEffect(takeOverStaticPage, []);
  useEffect(() => {
    if (previous.current !== undefined && previous.current !== pathname) {
      const heading = document.getElementById("page-heading");
      if (heading && focusIsFree()) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
    previous.current = pathname;
  }, [pathname]);
  return (
    <>
      <SessionSync />
      <SetupRedirect />
      <Outlet />
    </>
  );
}
