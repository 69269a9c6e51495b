import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { logoutMutation, meQuery, signedOutReasonQuery } from "../../api/session.ts";
import { Brand } from "../../components/Brand.tsx";
import { Button } from "../../components/Button.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { loginPathFor } from "../../lib/safe-redirect.ts";

/** Header, navigation and sign-out around every signed-in page; sends the signed-out away. */
export function SignedInLayout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useQuery(meQuery());
  const reason = useQuery(signedOutReasonQuery()).data;
  const logout = useMutation(logoutMutation(queryClient));
  const [signingOut, setSigningOut] = useState(false);

  // Suspended while here: back to sign-in, which says so.
  if (me.data === null && reason && !signingOut) {
    return <Navigate to={loginPathFor(location, reason)} replace />;
  }
  // The session ended while here (expired, revoked elsewhere): back to sign-in, quietly.
  if (me.data === null && !signingOut) {
    const target = loginPathFor(location);
    const glue = target.includes("?") ? "&" : "?";
    return <Navigate to={`${target}${glue}message=session-expired`} replace />;
  }
  if (!me.data) return null;

  const signOut = () => {
    setSigningOut(true);
    logout.mutate(undefined, {
      onSuccess: () => navigate("/login?message=signed-out", { replace: true }),
      onError: () => setSigningOut(false),
    });
  };

  return (
    <>
      <header className="app-header">
        <Brand />
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Home
              </NavLink>
            </li>
            <li>
              <NavLink to="/settings/security">Security</NavLink>
            </li>
          </ul>
        </nav>
        <div className="account-menu">
          <span className="visually-hidden">Signed in as </span>
          <span>{me.data.email}</span>
          <Button
            variant="secondary"
            onClick={signOut}
            pending={logout.isPending}
            pendingLabel="Signing out…"
          >
            Sign out
          </Button>
        </div>
      </header>
      {logout.isError ? (
        <div className="app-main">
          <ErrorAlert error={logout.error} />
        </div>
      ) : null}
      <Outlet />
    </>
  );
}
