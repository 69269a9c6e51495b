// Mount the real app (route table, guard, lazy pages, query client) in a memory router, for
// component tests that drive a whole page against the mock Coder behind msw.
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type ReactNode, useLayoutEffect } from "react";
import {
  type Location,
  MemoryRouter,
  type NavigationType,
  useLocation,
  useNavigationType,
} from "react-router";
import { createQueryClient } from "../app/query-client.ts";
import { AppRoutes } from "../app/router.tsx";

export type Entry = string | { pathname: string; search?: string; state?: unknown };

/** Records the location each commit shows, for tests that check where the app went. */
function LocationRecorder({
  onLocation,
}: {
  onLocation: (location: Location, action: NavigationType) => void;
}) {
  const location = useLocation();
  const action = useNavigationType();
  useLayoutEffect(() => onLocation(location, action), [location, action, onLocation]);
  return null;
}

/**
 * `routes` in a MemoryRouter that starts at `entry`, under a fresh query client. `location()` is
 * where the app is now (as last committed); `navigationType()` how it got there (PUSH, REPLACE, POP).
 */
export function renderInRouter(entry: Entry, routes: ReactNode) {
  const queryClient = createQueryClient();
  let current: Location | undefined;
  let lastAction: NavigationType | undefined;
  const onLocation = (location: Location, action: NavigationType) => {
    current = location;
    lastAction = action;
  };
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[entry]}>
        {routes}
        <LocationRecorder onLocation={onLocation} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  const location = (): Location => {
    if (!current) throw new Error("the router has not rendered yet");
    return current;
  };
  const navigationType = (): NavigationType => {
    if (!lastAction) throw new Error("the router has not rendered yet");
    return lastAction;
  };
  return { queryClient, user, location, navigationType, ...view };
}

export function renderApp(entry: Entry) {
  return renderInRouter(entry, <AppRoutes />);
}
