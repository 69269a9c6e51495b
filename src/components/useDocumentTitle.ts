import { useEffect } from "react";

/**
 * The tab's title: the page's, then the deployment's name ("Security · Acme"), or exactly
 * `title` when it names the deployment itself ("Sign in to Acme", Coder's own wording).
 */
export function useDocumentTitle(title: string, applicationName: string | undefined) {
  const full = applicationName === undefined ? title : `${title} · ${applicationName}`;
  useEffect(() => {
    document.title = full;
  }, [full]);
}
