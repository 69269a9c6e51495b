import { useQuery } from "@tanstack/react-query";
import { Navigate, useLocation } from "react-router";
import { meQuery } from "../api/session.ts";
import { hasSessionHint } from "../api/session-hint.ts";
import { firstUserQuery } from "../api/setup.ts";

/**
 * A deployment nobody has set up has one way in: /setup. Whether it has users is asked once per
 * page load, and only when the answer can matter: not on /setup itself (it asks on its own), and
 * not once anyone is or was signed in in this browser (then the deployment has users). Most
 * visitors so cost one request answered 200; only an empty deployment answers 404.
 */
export function SetupRedirect() {
  const { pathname } = useLocation();
  const signedIn = useQuery({ ...meQuery(), enabled: false, select: (me) => me !== null }).data;
  const ask = pathname !== "/setup" && signedIn !== true && !hasSessionHint();
  const firstUser = useQuery({ ...firstUserQuery(), enabled: ask });
  return ask && firstUser.data === false ? <Navigate to="/setup" replace /> : null;
}
