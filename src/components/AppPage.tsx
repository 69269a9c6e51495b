import type { ReactNode } from "react";
import { useDocumentTitle } from "./useDocumentTitle.ts";

interface AppPageProps {
  title: string;
  /** The deployment's name, for the tab's title (useBranding({ signedIn: true }) in the page). */
  applicationName: string;
  children: ReactNode;
}

/** A signed-in page's main landmark and its one h1. Props only, for the Views built on it. */
export function AppPage({ title, applicationName, children }: AppPageProps) {
  useDocumentTitle(title, applicationName);
  return (
    <main className="app-main" aria-labelledby="page-heading">
      <h1 id="page-heading">{title}</h1>
      {children}
    </main>
  );
}
