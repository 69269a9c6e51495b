import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Navigate, NavLink, Outlet, useLocation } from "react-router";
import { csrfTokenQuery } from "../../api/csrf.ts";
import { isSuspendedAccount, logoutMutation, meQuery } from "../../api/session.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { AnnouncementBanners } from "../../components/AnnouncementBanners.tsx";
import { Brand } from "../../components/Brand.tsx";
import { Button } from "../../components/Button.tsx";
import { EmailAddress } from "../../components/EmailAddress.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SupportLinks } from "../../components/SupportLinks.tsx";
import { useBranding } from "../../components/useBranding.ts";
import { loginPathFor } from "../../lib/safe-redirect.ts";
import type { LoginLocationState } from "../../session/login-messages.ts";

/** Header, navigation and sign-out around every signed-in page; sends the signed-out away. */
export function SignedInLayout() {
  const queryClient = useQueryClient();
  const location = useLocation();
  const me = useQuery(meQuery());
  // Every signed-in page can send a signed-in request (sign out, at least): have Coder's CSRF
  // token ready before anyone clicks.
  useQuery({ ...csrfTokenQuery(), enabled: Boolean(me.data) });
  const branding = useBranding({ signedIn: true });
  const logout = useMutation(logoutMutation(queryClient));
  const [signingOut, setSigningOut] = useState(false);
  // Who was signed in, for the sign-in page once the session is gone.
  const lastEmail = useRef("");
  if (me.data) lastEmail.current = me.data.email;

  // Suspended while here: back to sign-in, which says so.
  if (isSuspendedAccount(me.error) && !signingOut) {
    return <Navigate to={loginPathFor(location, "account-suspended")} replace />;
  }
  // The session ended while here (expired, revoked elsewhere): back to sign-in, saying so, with
  // the address filled in.
  if (me.data === null && !signingOut) {
    const state: LoginLocationState = { email: lastEmail.current };
    return <Navigate to={loginPathFor(location, "session-expired")} state={state} replace />;
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
          <EmailAddress email={me.data.email} />
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
