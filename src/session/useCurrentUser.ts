import { useSuspenseQuery } from "@tanstack/react-query";
import type { User } from "../api/schemas.ts";
import { meQuery } from "../api/session.ts";

/** The signed-in user, for pages under the signed-in layout (which guarantees there is one). */
export function useCurrentUser(): User {
  const { data } = useSuspenseQuery(meQuery());
  if (!data) throw new Error("useCurrentUser used outside the signed-in layout");
  return data;
}
