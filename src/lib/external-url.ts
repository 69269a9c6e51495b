// URLs the deployment's owner typed (a logo, support links, links in a banner, the terms of
// service): used only when they are what they claim to be, so a typo or a hostile value can't
// become a script URL, and an image never trips the Content-Security-Policy
// (`img-src 'self' data: https:`, see server/headers.ts).

/** An absolute http(s) URL as an href, or undefined (javascript:, data:, relative, malformed…). */
export function httpUrl(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    if (url.username || url.password) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

const DATA_IMAGE = /^data:image\/[a-z0-9.+-]+(;[a-z0-9=.+-]+)*(;base64)?,/i;

/**
 * An image source the page may load under its policy: same-origin (a path, or this origin),
 * any https URL, or a data: image. Anything else (plain http elsewhere, which the policy would
 * block, or a non-image scheme) is undefined: the page shows the name instead.
 */
export function imageSource(
  value: string | undefined | null,
  pageOrigin: string,
): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (DATA_IMAGE.test(trimmed)) return trimmed;
  let url: URL;
  try {
    url = new URL(trimmed, pageOrigin);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.origin === new URL(pageOrigin).origin) return url.pathname + url.search + url.hash;
  return url.protocol === "https:" ? url.href : undefined;
}
