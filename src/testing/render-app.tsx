// Mount the real app (route table, guard, lazy pages, query client) in a memory router, for
// component tests that drive a whole page against the mock Coder behind msw.
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type ReactNode, useLayoutEffect } from "react";
import { type Location, MemoryRouter, useLocation } from "react-router";
import { createQueryClient } from "../app/query-client.ts";
import { AppRoutes } from "../app/router.tsx";

export type Entry = string | { pathname: string; search?: string; state?: unknown };

/** Records the location each commit shows, for tests that check where the app went. */
function LocationRecorder({ onLocation }: { onLocation: (location: Location) => void }) {
  const location = useLocation();
  useLayoutEffect(() => onLocation(location), [location, onLocation]);
  return null;
}

/**
 * `routes` in a MemoryRouter that starts at `entry`, under a fresh query client. `location()` is
 * where the app is now (as last committed).
 */
export function renderInRouter(entry: Entry, routes: ReactNode) {
  const queryClient = createQueryClient();
  let current: Location | undefined;
  const onLocation = (location: Location) => {
    current = location;
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
  return { queryClient, user, location, ...view };
}

export function renderApp(entry: Entry) {
  return renderInRouter(entry, <AppRoutes />);
}
