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
