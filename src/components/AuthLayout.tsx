import type { ReactNode } from "react";
import { AnnouncementBanners } from "./AnnouncementBanners.tsx";
import { AuthFooter } from "./AuthFooter.tsx";
import { Brand } from "./Brand.tsx";
import { useStaticRender } from "./static-render.ts";
import type { Branding } from "./useBranding.ts";
import { useDocumentTitle } from "./useDocumentTitle.ts";

/** What the frame shows of the deployment; the page asks for it (useAuthChrome). */
export interface AuthChrome {
  branding: Branding;
  /** Coder's version, for the footer, once the server has said it. */
  serverVersion: string | undefined;
}

interface AuthLayoutProps {
  chrome: AuthChrome;
  /** The page's title; the tab shows it followed by the deployment's name. */
  title: string;
  /** The h1; defaults to the title. */
  heading?: ReactNode;
  /** The tab's whole title instead (when the title already names the deployment). */
  documentTitle?: string;
  children: ReactNode;
  /** The page's own links, at the top of the footer. */
  footer?: ReactNode;
  /** Shown in the footer once the visitor has accepted the deployment's terms. */
  termsUrl?: string | undefined;
}

/**
 * The signed-out pages: the deployment's banners and logo, one card, one main landmark, one h1,
 * and a footer. Everything the deployment changes sits in boxes of fixed size, so its branding
 * arriving after the prerendered page has painted moves nothing. Props only: it renders without a
 * query client, as the Views built on it do.
 */
export function AuthLayout({
  chrome,
  title,
  heading,
  documentTitle,
  children,
  footer,
  termsUrl,
}: AuthLayoutProps) {
  const { branding } = chrome;
  const isStatic = useStaticRender();
  useDocumentTitle(
    documentTitle ?? title,
    documentTitle === undefined ? branding.applicationName : undefined,
  );
  return (
    <>
      <AnnouncementBanners banners={branding.banners} />
      <div className="auth-layout">
        <header>
          <Brand branding={branding} />
        </header>
        <main className="card" aria-labelledby="page-heading">
          <h1 id="page-heading">{heading ?? title}</h1>
          {/* The build puts the page's "needs JavaScript" line here (scripts/prerender-html.ts). */}
          {isStatic ? <template data-noscript-slot="" /> : null}
          {children}
        </main>
        <AuthFooter links={footer} termsUrl={termsUrl} serverVersion={chrome.serverVersion} />
      </div>
    </>
  );
}
