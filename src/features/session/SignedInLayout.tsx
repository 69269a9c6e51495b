import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate, NavLink, Outlet, useLocation } from "react-router";
import { csrfTokenQuery } from "../../api/csrf.ts";
import { logoutMutation, meQuery, signedOutReasonQuery } from "../../api/session.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { AnnouncementBanners } from "../../components/AnnouncementBanners.tsx";
import { Brand } from "../../components/Brand.tsx";
import { Button } from "../../components/Button.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SupportLinks } from "../../components/SupportLinks.tsx";
import { useBranding } from "../../components/useBranding.ts";
import { loginPathFor } from "../../lib/safe-redirect.ts";

/** Header, navigation and sign-out around every signed-in page; sends the signed-out away. */
export function SignedInLayout() {
  const queryClient = useQueryClient();
  const location = useLocation();
  const me = useQuery(meQuery());
  const reason = useQuery(signedOutReasonQuery()).data;
  // Every signed-in page can send a signed-in request (sign out, at least): have Coder's CSRF
  // token ready before anyone clicks.
  useQuery({ ...csrfTokenQuery(), enabled: Boolean(me.data) });
  const branding = useBranding({ signedIn: true });
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
      // A full page load: nothing of the session stays in memory.
      onSuccess: () => fullPageNavigation.assign("/login?message=signed-out"),
      onError: () => setSigningOut(false),
    });
  };

  return (
    <>
      <AnnouncementBanners banners={branding.banners} />
      <header className="app-header">
        <Brand branding={branding} linkHome />
        <nav aria-label="Main">
          <ul>
            <li>
              {/* Coder's dashboard: a full page load. */}
              <a href="/">Dashboard</a>
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
      <SupportLinks links={branding.supportLinks} />
    </>
  );
}
