import { useEffect, useLayoutEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { focusIsFree } from "../components/useInitialFocus.ts";
import { takeOverStaticPage } from "./static-handoff.ts";

/**
 * On the first render, take over from the prerendered page. After each in-app navigation, move
 * focus to the new page's heading so screen readers announce it and keyboard users start at the
 * top (a full page load already does both), unless the page has put focus on its own target
 * (useInitialFocus: the one field left to fill, say).
 */
export function RootLayout() {
  const { pathname } = useLocation();
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
