import { useQueryClient } from "@tanstack/react-query";
import { useLayoutEffect } from "react";
import { handleSessionEvent } from "../api/session.ts";
import { subscribeSessionEvents } from "../api/session-events.ts";

/**
 * Hears the app's other tabs sign in, sign out and change passwords (see session-events.ts).
 * Listening starts with the first commit (a layout effect), so a page on screen is a page that
 * hears.
 */
export function SessionSync() {
  const queryClient = useQueryClient();
  useLayoutEffect(
    () => subscribeSessionEvents((event) => handleSessionEvent(queryClient, event)),
    [queryClient],
  );
  return null;
}
