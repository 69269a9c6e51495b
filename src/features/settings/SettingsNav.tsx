import { useQuery } from "@tanstack/react-query";
import { useLayoutEffect, useRef } from "react";
import { entitlementsQuery, experimentsQuery } from "../../api/account-settings.ts";
import { buildInfoQuery } from "../../api/session.ts";
import { type SettingsNavItem, settingsNavItems } from "./settings-nav.ts";

/**
 * The deployment's account settings pages, as Coder's dashboard lists them. Until the deployment
 * has answered (or if it can't), the pages every deployment has: a missing licence or
 * experiment only ever hides a page, never shows one that isn't there.
 */
export function useSettingsNavItems(signedIn: boolean): SettingsNavItem[] {
  const entitlements = useQuery({ ...entitlementsQuery(), enabled: signedIn });
  const experiments = useQuery({ ...experimentsQuery(), enabled: signedIn });
  const version = useQuery(buildInfoQuery()).data?.version;
  const features = entitlements.data?.features ?? {};
  return settingsNavItems({
    enabledFeatures: new Set(Object.keys(features).filter((name) => features[name]?.enabled)),
    experiments: experiments.data ?? [],
    version,
  });
}

/**
 * Coder's account settings navigation around one of our pages. Plain links: the other pages are
 * Coder's (a full page load, which the front door hands to Coder), and so, to the router, is
 * ours (a load of the page one is on).
 */
export function SettingsNav({ items, current }: { items: SettingsNavItem[]; current: string }) {
  const list = useRef<HTMLUListElement>(null);
  // On a phone the list is one row that scrolls sideways: start with this page's item in view.
  useLayoutEffect(() => {
    const row = list.current;
    const here = row?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!row || !here || row.scrollWidth <= row.clientWidth) return;
    row.scrollLeft = here.offsetLeft - (row.clientWidth - here.offsetWidth) / 2;
  }, []);
  return (
    <nav className="settings-nav" aria-label="Account settings">
      <ul className="settings-nav-list" ref={list}>
        {items.map((item) => (
          <li key={item.href}>
            <a href={item.href} aria-current={item.href === current ? "page" : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
