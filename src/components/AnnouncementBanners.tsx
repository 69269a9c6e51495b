import type { BannerConfig } from "../api/schemas.ts";
import { parseHexColor, readableTextOn } from "../lib/contrast.ts";
import { InlineMarkdown } from "./InlineMarkdown.tsx";

/**
 * The deployment's announcement banners, in the owner's colour with black or white text,
 * whichever reads better on it (at least 4.5:1 either way). The colour is set through the
 * element's style object, which the strict policy allows (unlike a style attribute in markup).
 */
export function AnnouncementBanners({ banners }: { banners: BannerConfig[] }) {
  if (banners.length === 0) return null;
  return (
    <section className="announcements" aria-label="Announcements">
      {banners.map((banner, index) => {
        const rgb = parseHexColor(banner.background_color);
        return (
          <div
            // Banners have no id; their order is the owner's and only changes with a new answer.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            className={`announcement ${rgb ? `text-${readableTextOn(rgb)}` : "plain"}`}
            style={rgb ? { backgroundColor: banner.background_color.trim() } : undefined}
          >
            <p>
              <InlineMarkdown message={banner.message} />
            </p>
          </div>
        );
      })}
    </section>
  );
}
