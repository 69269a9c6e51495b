import { useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";

/**
 * After an in-app navigation, move focus to the new page's heading so screen readers announce it
 * and keyboard users start at the top (a full page load already does both).
 */
export function RootLayout() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.getElementById("page-heading");
    if (heading && !heading.contains(document.activeElement)) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
  }, [pathname]);
  return <Outlet />;
}
