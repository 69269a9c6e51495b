import { useRef } from "react";
import { useInitialFocus } from "../../components/useInitialFocus.ts";
import { ProviderIcon } from "../../sso/ProviderIcon.tsx";
import { type SsoOption, ssoStartUrl } from "../../sso/providers.ts";
import { markRoundTrip } from "../../sso/round-trip.ts";

interface SsoButtonsProps {
  options: SsoOption[];
  redirectTo: string;
  /** Focus the first provider when the buttons appear (they are the only way in). */
  takeFocus?: boolean;
}

/** One link per enabled provider; a plain link, so it works before and without JavaScript. */
export function SsoButtons({ options, redirectTo, takeFocus = false }: SsoButtonsProps) {
  const first = useRef<HTMLAnchorElement>(null);
  useInitialFocus(() => first.current?.focus(), takeFocus && options.length > 0);
  if (options.length === 0) return null;
  return (
    <ul className="stack plain-list">
      {options.map((option, index) => (
        <li key={option.provider}>
          <a
            ref={index === 0 ? first : undefined}
            className="button secondary block"
            href={ssoStartUrl(option.provider, { redirect: redirectTo })}
            onClick={() => markRoundTrip()}
          >
            <ProviderIcon option={option} />
            Sign in with {option.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * Room for `count` provider buttons and the "or" under them, while the deployment's sign-in
 * methods are on their way: the same boxes as the buttons, empty and hidden from everyone. The
 * entry script builds the same markup into the prerendered page (static-page-controls.ts).
 */
export function SsoPlaceholder({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <>
      <ul className="stack plain-list sso-placeholder" aria-hidden="true">
        {Array.from({ length: count }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identical empty boxes, never reordered
          <li key={index}>
            <span className="button secondary block">{"\u00a0"}</span>
          </li>
        ))}
      </ul>
      <p className="divider sso-placeholder" aria-hidden="true">
        or
      </p>
    </>
  );
}
