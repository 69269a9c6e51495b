import { useEffect, useEffectEvent } from "react";

/**
 * Whether no page has focus yet: a fresh page, the focused control has just gone away, or focus
 * is on something around the pages (the header's links, which stay across navigations).
 */
export function focusIsFree(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || active.closest("main") === null;
}

/**
 * A page's or a step's deliberate focus target: `focus` runs once when the component mounts
 * (with `when`, once it turns true), unless the person has already put focus somewhere, say by
 * clicking into the prerendered page before the app took over. Runs after the app has replaced
 * the static page, and before RootLayout's "focus the heading" (which leaves a focused control
 * alone).
 */
export function useInitialFocus(focus: () => void, when = true) {
  const run = useEffectEvent(focus);
  useEffect(() => {
    if (when && focusIsFree()) run();
  }, [when]);
}
