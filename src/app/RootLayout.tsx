import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useLayoutEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { focusIsFree } from "../components/useInitialFocus.ts";
import { startPage } from "./routes.ts";
import { takeOverStaticPage } from "./static-handoff.ts";

/**
 * Above every route. For each new location, starts the page's data and code together, before
 * anything below can suspend on either (this render is the first to see a navigation). On the
 * first render, takes over from the prerendered page. After each in-app navigation, moves focus
 * to the new page's heading so screen readers announce it and keyboard users start at the top (a
 * full page load already does both), unless the page has put focus on its own target
 * (useInitialFocus: the one field left to fill, say).
 */
export function RootLayout() {
  const location = useLocation();
  const queryClient = useQueryClient();
  const started = useRef<string | undefined>(undefined);
  if (started.current !== location.key) {
    // Idempotent (cached queries and one download per page), so a render React throws away and
    // repeats costs nothing; the ref only spares re-renders of the same location the lookup.
    started.current = location.key;
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
  return <Outlet />;
}
