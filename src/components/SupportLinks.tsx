import type { SupportLink } from "./useBranding.ts";

/** The deployment's support links (Coder shows them in its dashboard's navigation). */
export function SupportLinks({ links }: { links: SupportLink[] }) {
  if (links.length === 0) return null;
  return (
    <nav className="support-links" aria-label="Support">
      <ul className="support-list">
        {links.map((link) => (
          <li key={`${link.name} ${link.href}`}>
            <a href={link.href} target="_blank" rel="noreferrer noopener">
              {link.name}
              <span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
