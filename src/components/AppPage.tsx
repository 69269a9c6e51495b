import type { ReactNode } from "react";
import { useBranding } from "./useBranding.ts";
import { useDocumentTitle } from "./useDocumentTitle.ts";

/** A signed-in page's main landmark and its one h1. */
export function AppPage({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title, useBranding({ signedIn: true }).applicationName);
  return (
    <main className="app-main" aria-labelledby="page-heading">
      <h1 id="page-heading">{title}</h1>
      {children}
    </main>
  );
}
