import { ProviderIcon } from "../../sso/ProviderIcon.tsx";
import { type SsoOption, ssoStartUrl } from "../../sso/providers.ts";

/** One link per enabled provider; a plain link, so it works before and without JavaScript. */
export function SsoButtons({ options, redirectTo }: { options: SsoOption[]; redirectTo: string }) {
  if (options.length === 0) return null;
  return (
    <ul className="stack plain-list">
      {options.map((option) => (
        <li key={option.provider}>
          <a
            className="button secondary block"
            href={ssoStartUrl(option.provider, { redirect: redirectTo })}
          >
            <ProviderIcon option={option} />
            Sign in with {option.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
