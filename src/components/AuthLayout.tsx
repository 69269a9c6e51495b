import type { ReactNode } from "react";
import { Brand } from "./Brand.tsx";
import { useDocumentTitle } from "./useDocumentTitle.ts";

interface AuthLayoutProps {
  title: string;
  /** The h1; defaults to the title. */
  heading?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The signed-out pages: one card, one main landmark, one h1. */
export function AuthLayout({ title, heading, children, footer }: AuthLayoutProps) {
  useDocumentTitle(title);
  return (
    <div className="auth-layout">
      <header>
        <Brand />
      </header>
      <main className="card" aria-labelledby="page-heading">
        <h1 id="page-heading">{heading ?? title}</h1>
        {children}
      </main>
      {footer ? <footer className="footer-links">{footer}</footer> : null}
    </div>
  );
}
