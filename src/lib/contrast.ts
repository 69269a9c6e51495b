// Text on a colour the deployment chose (an announcement banner's background): black or white,
// whichever reads better by WCAG 2's contrast ratio. One of the two always reaches at least
// 4.58:1, above the 4.5:1 that body text needs (AA), whatever the background.

/** `#rrggbb` as Coder stores a banner colour (it refuses anything else); undefined otherwise. */
export function parseHexColor(value: string): [number, number, number] | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value.trim());
  if (!match) return undefined;
  return [
    Number.parseInt(match[1] as string, 16),
    Number.parseInt(match[2] as string, 16),
    Number.parseInt(match[3] as string, 16),
  ];
}

/** WCAG 2 relative luminance of an sRGB colour (0 black … 1 white). */
export function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio between two luminances (1 … 21). */
export function contrastRatio(a: number, b: number): number {
  const [light, dark] = a > b ? [a, b] : [b, a];
  return (light + 0.05) / (dark + 0.05);
}

export type TextTone = "black" | "white";

/** The text colour with the higher contrast on `background` (a `#rrggbb` value). */
export function readableTextOn(background: readonly [number, number, number]): TextTone {
  const luminance = relativeLuminance(background);
  // Against black the ratio is (L + 0.05) / 0.05, against white 1.05 / (L + 0.05).
  return contrastRatio(luminance, 0) >= contrastRatio(luminance, 1) ? "black" : "white";
}
