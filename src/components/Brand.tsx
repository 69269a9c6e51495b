import { type ReactNode, useState } from "react";
import type { Branding } from "./useBranding.ts";

interface BrandProps {
  branding: Pick<Branding, "applicationName" | "logo">;
  /** Link the mark to Coder's dashboard (signed-in pages); on the sign-in pages it is just a mark. */
  linkHome?: boolean;
}

/**
 * The deployment's logo, in a box of fixed size so that nothing moves when it replaces Coder's
 * mark after the page has painted. A logo that fails to load (broken, blocked) gives way to the
 * deployment's name.
 */
export function Brand({ branding, linkHome = false }: BrandProps) {
  const { applicationName, logo } = branding;
  const logoSrc = logo?.src;
  const [failedSrc, setFailedSrc] = useState<string | undefined>(undefined);

  let content: ReactNode;
  if (logoSrc !== undefined && failedSrc !== logoSrc) {
    content = (
      <img
        className="brand-logo"
        src={logoSrc}
        alt={applicationName}
        referrerPolicy="no-referrer"
        decoding="async"
        onError={() => setFailedSrc(logoSrc)}
      />
    );
  } else if (logo) {
    // A logo that can't be shown (broken, or one the page's policy would block): the name.
    content = <span className="brand-name">{applicationName}</span>;
  } else {
    // Coder's mark, drawn by the stylesheet (styles.css, `.coder-mark`), beside the name.
    content = (
      <>
        <span className="coder-mark" aria-hidden="true" />
        {/* The deployment's own name beside the mark: the one name the page shows. */}
        <span className="brand-name">{applicationName}</span>
      </>
    );
  }

  return linkHome ? (
    // Coder's dashboard: a full page load.
    <a href="/" className="brand">
      {content}
    </a>
  ) : (
    <div className="brand">{content}</div>
  );
}
