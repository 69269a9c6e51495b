import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Component, type ReactNode, useState } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { meQuery, signedOutReasonQuery } from "../api/session.ts";
import { sessionHasEnded } from "../api/session-hint.ts";
import { loginPathFor } from "../lib/safe-redirect.ts";
import { APP_REDIRECTS } from "./owned-routes.ts";
import { RootLayout } from "./RootLayout.tsx";
import { RouteError } from "./RouteError.tsx";
import { notFoundPage, type PageRoute, pages, signedInLayout } from "./routes.ts";

// The app's routes for a declarative router (BrowserRouter in the browser, MemoryRouter in tests).
// Nothing here waits for data or code: RootLayout starts both for each location (routes.ts), the
// pages suspend until theirs is in, and navigations are transitions, so the previous page stays
// until the next one is ready. There is deliberately no Suspense boundary: the first commit is
// the whole page, which is what lets it take over from the prerendered HTML in one step.

interface BoundaryProps {
  children: ReactNode;
  /** The boundary forgets an error when this changes (a navigation). */
  resetKey: string;
  /** Inside the signed-in frame, which stays usable around the error. */
  inFrame?: boolean;
}

interface BoundaryState {
  failed: boolean;
  error: unknown;
  resetKey: string;
}

/** One per route: a page that cannot load says why instead of taking the app down. */
export class RouteErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = {
    failed: false,
    error: undefined,
    resetKey: this.props.resetKey,
  };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { failed: true, error };
  }

  static getDerivedStateFromProps(
    props: BoundaryProps,
    state: BoundaryState,
  ): Partial<BoundaryState> | null {
    return props.resetKey === state.resetKey
      ? null
      : { failed: false, error: undefined, resetKey: props.resetKey };
  }

  override render() {
    if (this.state.failed)
      return <RouteError error={this.state.error} inFrame={this.props.inFrame ?? false} />;
    return this.props.children;
  }
}

function PageElement({ route, inFrame = false }: { route: PageRoute; inFrame?: boolean }) {
  const { pathname } = useLocation();
  return (
    <RouteErrorBoundary resetKey={pathname} inFrame={inFrame}>
      <route.Component />
    </RouteErrorBoundary>
  );
}

/**
 * Lets in only someone signed in when they arrive; anyone else goes to sign in, and comes back
 * here afterwards. A session that ends later is the signed-in frame's business (it says so).
 */
function RequireSession({ children }: { children: ReactNode }) {
  const { data: user } = useSuspenseQuery(meQuery());
  // Single sign-on hands even a suspended account a session; sign-in says why it can't stay.
  const reason = useQuery(signedOutReasonQuery()).data ?? undefined;
  const location = useLocation();
  const [arrivedSignedOut] = useState(user === null);
  // Had this browser been signed in, its session has ended: the sign-in page says so, as the
  // signed-in frame does when a session ends during a visit.
  if (arrivedSignedOut)
    return (
      <Navigate
        to={loginPathFor(location, reason ?? (sessionHasEnded() ? "session-expired" : undefined))}
        replace
      />
    );
  return children;
}

function SignedInFrame() {
  const { pathname } = useLocation();
  return (
    <RouteErrorBoundary resetKey={pathname}>
      <RequireSession>
        <signedInLayout.Component />
      </RequireSession>
    </RouteErrorBoundary>
  );
}

const builtPages = Object.entries(pages).filter(
  (entry): entry is [string, PageRoute] => entry[1] !== null,
);
const signedInPaths = builtPages.filter(([, route]) => route.signedIn);
const signedOutPaths = builtPages.filter(([, route]) => !route.signedIn);

/** Every route of the app; render inside a router. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<RootLayout />}>
        {signedOutPaths.map(([path, route]) => (
          <Route key={path} path={path} element={<PageElement route={route} />} />
        ))}
        {Object.entries(APP_REDIRECTS).map(([from, to]) => (
          <Route key={from} path={from} element={<Navigate to={to} replace />} />
        ))}
        <Route element={<SignedInFrame />}>
          {signedInPaths.map(([path, route]) => (
            <Route key={path} path={path} element={<PageElement route={route} inFrame />} />
          ))}
        </Route>
        <Route path="*" element={<PageElement route={notFoundPage} />} />
      </Route>
    </Routes>
  );
}
