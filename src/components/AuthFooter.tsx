import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { buildInfoQuery } from "../api/session.ts";
import { APP_VERSION } from "../lib/build-info.ts";
import { httpUrl } from "../lib/external-url.ts";

interface AuthFooterProps {
  /** The page's own links ("Back to sign in"). */
  links?: ReactNode;
  /** The deployment's terms, linked once the visitor has accepted them. */
  termsUrl?: string | undefined;
}

/**
 * The signed-out pages' footer: the page's links, the server's version (which support asks for
 * first) and these pages' own, and, once accepted, the terms of service. The versions' line is
 * there from the first paint (ours is known then), so Coder's arrival moves nothing.
 */
export function AuthFooter({ links, termsUrl }: AuthFooterProps) {
  const version = useQuery(buildInfoQuery()).data?.version;
  const terms = httpUrl(termsUrl);
  return (
    <footer className="auth-footer">
      {links ? <div className="footer-links">{links}</div> : null}
      <p className="server-version">
        {version ? <span>Coder {version}</span> : null}
        {version ? " · " : null}
        <span>Sign-in pages {APP_VERSION}</span>
      </p>
      {terms ? (
        <p>
          <a href={terms} target="_blank" rel="noreferrer noopener">
            Terms of Service<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </p>
      ) : null}
    </footer>
  );
}
