import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";

/**
 * A query parameter meant to be seen once (`?message=…` after a redirect): its value is kept for
 * the page, and it is taken out of the address bar by replacing the history entry, so neither
 * Back nor a reload shows it again and a copied link doesn't carry it.
 */
export function useOneTimeParam(name: string): string | null {
  const [params, setParams] = useSearchParams();
  const [value, setValue] = useState(() => params.get(name));
  const arrived = params.get(name);
  useEffect(() => {
    if (arrived === null) return;
    setValue(arrived);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(name);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }, [arrived, name, setParams]);
  return value;
}
