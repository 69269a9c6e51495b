import type { ReactNode } from "react";
import { APP_VERSION } from "../lib/build-info.ts";
import { httpUrl } from "../lib/external-url.ts";

interface AuthFooterProps {
  /** The page's own links ("Back to sign in"). */
  links?: ReactNode;
  /** The deployment's terms, linked once the visitor has accepted them. */
  termsUrl?: string | undefined;
  /** Coder's version, once the server has said it. */
  serverVersion: string | undefined;
}

/**
 * The signed-out pages' footer: the page's links, the server's version (which support asks for
 * first) and, below it, these pages' own, and, once accepted, the terms of service. Coder's
 * version has its line from the first paint, so its arrival moves nothing; ours is known then.
 */
export function AuthFooter({ links, termsUrl, serverVersion: version }: AuthFooterProps) {
  const terms = httpUrl(termsUrl);
  return (
    <footer className="auth-footer">
      {links ? <div className="footer-links">{links}</div> : null}
      <p className="server-version">{version ? `Coder ${version}` : null}</p>
      <p className="app-version">Sign-in pages {APP_VERSION}</p>
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
