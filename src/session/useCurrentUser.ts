import { createContext, useContext } from "react";
import type { User } from "../api/schemas.ts";

/**
 * The account a signed-in page shows. The signed-in layout provides it, and keeps providing it
 * while an expired session is being renewed in place, so the page (and what was typed into it)
 * stays as it was.
 */
export const CurrentUserContext = createContext<User | null>(null);

/** The signed-in user, for pages under the signed-in layout (which guarantees there is one). */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser used outside the signed-in layout");
  return user;
}
