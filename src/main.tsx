import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { createQueryClient } from "./app/query-client.ts";
import { createAppRouter } from "./app/router.tsx";
import { captureStaticPage } from "./app/static-handoff.ts";
import "./app/styles.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
captureStaticPage(container);

const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

// Render once the first page's code is in: rendering earlier would swap the prerendered page for
// an empty one (a flash, and a layout shift).
await new Promise<void>((resolve) => {
  if (router.state.initialized) return resolve();
  const unsubscribe = router.subscribe((state) => {
    if (!state.initialized) return;
    unsubscribe();
    resolve();
  });
});

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
