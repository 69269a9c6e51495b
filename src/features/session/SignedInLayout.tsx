import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useEffect, useRef, useState } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { csrfTokenQuery } from "../../api/csrf.ts";
import type { User } from "../../api/schemas.ts";
import {
  logoutMutation,
  meQuery,
  sessionEndedElsewhere,
  signedOutReasonQuery,
} from "../../api/session.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { AnnouncementBanners } from "../../components/AnnouncementBanners.tsx";
import { AppLink } from "../../components/AppLink.tsx";
import { Brand } from "../../components/Brand.tsx";
import { Button } from "../../components/Button.tsx";
import { EmailAddress } from "../../components/EmailAddress.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SupportLinks } from "../../components/SupportLinks.tsx";
import { useBranding } from "../../components/useBranding.ts";
import { loginPathFor } from "../../lib/safe-redirect.ts";
import type { LoginLocationState } from "../../session/login-messages.ts";
import { CurrentUserContext } from "../../session/useCurrentUser.ts";
import { ReauthDialog } from "./ReauthDialog.tsx";
import { useUserTheme } from "./useUserTheme.ts";

/** `/login?message=…` ids, by why the session ended while a signed-in page was open. */
const END_MESSAGES = {
  "signed-out": "signed-out",
  "password-changed": "password-updated",
  expired: "session-expired",
} as const;

/**
 * Header, navigation and sign-out around every signed-in page. When the session ends while a
 * page is open:
 * - another tab signed out or changed the password: the page is left for sign-in at once;
 * - it ran out (a request came back 401): the page stays, behind a dialog to sign in again, so
 *   whatever was typed survives; signing in as someone else starts the page afresh.
 */
export function SignedInLayout() {
  const queryClient = useQueryClient();
  const location = useLocation();
  const me = useQuery(meQuery());
  const reason = useQuery(signedOutReasonQuery()).data;
  // Every signed-in page can send a signed-in request (sign out, at least): have Coder's CSRF
  // token ready before anyone clicks.
  useQuery({ ...csrfTokenQuery(), enabled: Boolean(me.data) });
  const branding = useBranding({ signedIn: true });
  useUserTheme(Boolean(me.data));
  const logout = useMutation(logoutMutation(queryClient));
  const [signingOut, setSigningOut] = useState(false);
  const [mountedAt] = useState(() => Date.now());
  // The account the page shows; it outlives an expired session until someone signs in again.
  const [shown, setShown] = useState<User | null>(me.data ?? null);
  if (me.data && me.data !== shown) setShown(me.data);
  const [notice, setNotice] = useState("");

  const expired = me.data === null && !signingOut;
  const wasExpired = useRef(expired);
  const shownId = useRef(shown?.id);
  useEffect(() => {
    // Back from an expired session: say so, and start a different account's page at its top.
    if (wasExpired.current && !expired) {
      const sameAccount = shownId.current === shown?.id;
      setNotice(
        sameAccount
          ? "You're signed in again. Carry on where you left off."
          : `You're signed in as ${shown?.email}.`,
      );
      const heading = document.getElementById("page-heading");
      if (!sameAccount && heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
    wasExpired.current = expired;
    shownId.current = shown?.id;
  }, [expired, shown]);

  // Suspended while here: back to sign-in, which says so.
  if (me.data === null && reason && !signingOut) {
    return <Navigate to={loginPathFor(location, reason)} replace />;
  }
  if (expired) {
    const ended = sessionEndedElsewhere(queryClient);
    const endedElsewhere = ended !== undefined && ended.at >= mountedAt;
    if (endedElsewhere || !shown) {
      const why = END_MESSAGES[endedElsewhere ? ended.event : "expired"];
      // The sign-in page says why, with the address filled in.
      const state: LoginLocationState = { email: shown?.email ?? "" };
      return <Navigate to={loginPathFor(location, why)} state={state} replace />;
    }
  }
  if (!shown) return null;

  const signOut = () => {
    setSigningOut(true);
    logout.mutate(undefined, {
      // A full page load: nothing of the session stays in memory.
      onSuccess: () => fullPageNavigation.assign("/login?message=signed-out"),
      onError: () => setSigningOut(false),
    });
  };

  return (
    <CurrentUserContext value={shown}>
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
              <AppLink
                to="/settings/security"
                aria-current={location.pathname === "/settings/security" ? "page" : undefined}
              >
                Security
              </AppLink>
            </li>
          </ul>
        </nav>
        <div className="account-menu">
          {expired ? (
            <span>Signed out</span>
          ) : (
            <>
              <span className="visually-hidden">Signed in as </span>
              <EmailAddress email={shown.email} />
              <Button
                variant="secondary"
                onClick={signOut}
                pending={logout.isPending}
                pendingLabel="Signing out…"
              >
                Sign out
              </Button>
            </>
          )}
        </div>
      </header>
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      {logout.isError ? (
        <div className="app-main">
          <ErrorAlert error={logout.error} />
        </div>
      ) : null}
      {/* Another account's page starts afresh; the same account's keeps what was typed. */}
      <Fragment key={shown.id}>
        <Outlet />
      </Fragment>
      <SupportLinks links={branding.supportLinks} />
      <ReauthDialog open={expired} user={shown} />
    </CurrentUserContext>
  );
}
