import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { createQueryClient } from "./app/query-client.ts";
import { AppRoutes } from "./app/router.tsx";
import { startPage } from "./app/routes.ts";
import { createAppContainer } from "./app/static-handoff.ts";

const queryClient = createQueryClient();

// Start the first page's data and code, and render once the code is in (and, briefly, the data
// its layout depends on), so the first commit is the whole page: the moment it takes over from
// the prerendered one. A signed-in page also waits for `users/me`: it suspends, and with no
// Suspense boundary nothing commits before it.
await startPage(window.location.pathname, queryClient, { firstLoad: true });

// A transition lets React render in short slices, so the page stays responsive while it starts.
const root = createRoot(createAppContainer());
startTransition(() =>
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
