import { describe, expect, it } from "vitest";
import { contrastRatio, parseHexColor, readableTextOn, relativeLuminance } from "./contrast.ts";

const ratioOf = (hex: string, tone: "black" | "white") => {
  const rgb = parseHexColor(hex);
  if (!rgb) throw new Error(hex);
  return contrastRatio(relativeLuminance(rgb), tone === "black" ? 0 : 1);
};

describe("parseHexColor", () => {
  it("takes Coder's #rrggbb in either case, and nothing else", () => {
    expect(parseHexColor("#004852")).toEqual([0, 72, 82]);
    expect(parseHexColor("#FfA0c3")).toEqual([255, 160, 195]);
    for (const bad of ["004852", "#abc", "#00485", "#0048521", "#gg0000", "red", "", "url(x)"])
      expect(parseHexColor(bad), bad).toBeUndefined();
  });
});

describe("readableTextOn", () => {
  it("uses white on dark colours and black on light ones", () => {
    expect(readableTextOn([0, 72, 82])).toBe("white");
    expect(readableTextOn([0, 0, 0])).toBe("white");
    expect(readableTextOn([255, 255, 255])).toBe("black");
    expect(readableTextOn([250, 204, 21])).toBe("black");
    // A mid red: white reads at 4.23:1 (below AA), black at 4.97:1.
    expect(readableTextOn([229, 57, 53])).toBe("black");
  });

  it("reaches 4.5:1 on every background (sampled across the whole sRGB cube)", () => {
    let worst = 21;
    for (let r = 0; r <= 255; r += 15)
      for (let g = 0; g <= 255; g += 15)
        for (let b = 0; b <= 255; b += 15) {
          const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
          worst = Math.min(worst, ratioOf(hex, readableTextOn([r, g, b])));
        }
    expect(worst).toBeGreaterThanOrEqual(4.5);
  });

  it("matches WCAG's figures", () => {
    expect(contrastRatio(1, 0)).toBeCloseTo(21, 5);
    expect(ratioOf("#767676", "white")).toBeCloseTo(4.54, 2);
  });
});
