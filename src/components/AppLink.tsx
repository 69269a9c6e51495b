import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { type To, useHref, useLinkClickHandler } from "react-router";

interface AppLinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> {
  to: To;
  state?: unknown;
  replace?: boolean;
}

/**
 * A link inside the app: a real href (a new tab, a copied address work as anywhere), and a plain
 * click moves in the page. react-router's own <Link> does the same and more (prefetching route
 * modules, view transitions, its server rendering), which a library-mode app never uses but every
 * page downloads: this is its click handling alone.
 */
export function AppLink({ to, state, replace, onClick, ...rest }: AppLinkProps) {
  const href = useHref(to);
  const follow = useLinkClickHandler<HTMLAnchorElement>(to, { state, replace });
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!event.defaultPrevented) follow(event);
  };
  return <a {...rest} href={href} onClick={click} />;
}
