import type { ReactNode } from "react";
import { AnnouncementBanners } from "./AnnouncementBanners.tsx";
import { AuthFooter } from "./AuthFooter.tsx";
import { Brand } from "./Brand.tsx";
import { useStaticRender } from "./static-render.ts";
import { useBranding } from "./useBranding.ts";
import { useDocumentTitle } from "./useDocumentTitle.ts";

interface AuthLayoutProps {
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
 * arriving after the prerendered page has painted moves nothing.
 */
export function AuthLayout({
  title,
  heading,
  documentTitle,
  children,
  footer,
  termsUrl,
}: AuthLayoutProps) {
  const branding = useBranding();
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
        <AuthFooter links={footer} termsUrl={termsUrl} />
      </div>
    </>
  );
}
