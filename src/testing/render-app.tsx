// Mount the real app (routes, loaders, lazy pages, query client) in a memory router, for
// component tests that drive a whole page against the mock Coder behind msw.
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { createQueryClient } from "../app/query-client.ts";
import { appRoutes } from "../app/router.tsx";

export type Entry = string | { pathname: string; search?: string; state?: unknown };

export function renderApp(entry: Entry) {
  const queryClient = createQueryClient();
  const router = createMemoryRouter(appRoutes(queryClient), { initialEntries: [entry] });
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, queryClient, user, ...view };
}
