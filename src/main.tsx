import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { createQueryClient } from "./app/query-client.ts";
import { createAppRouter } from "./app/router.tsx";
import { createAppContainer } from "./app/static-handoff.ts";

const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

// Render once the first page's code is in, so the first commit is the whole page (the moment it
// takes over from the prerendered one) and the router needs no loading placeholder.
await new Promise<void>((resolve) => {
  if (router.state.initialized) return resolve();
  const unsubscribe = router.subscribe((state) => {
    if (!state.initialized) return;
    unsubscribe();
    resolve();
  });
});

// A transition lets React render in short slices, so the page stays responsive while it starts.
const root = createRoot(createAppContainer());
startTransition(() =>
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
