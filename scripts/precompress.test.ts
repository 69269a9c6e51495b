import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { moveSourceMaps, precompress } from "./precompress.ts";

let root: string;
let dist: string;
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "precompress-"));
  dist = join(root, "dist");
  await mkdir(join(dist, "auth-ui"), { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("precompress", () => {
  it("writes .br and .gz siblings that decode to the very same bytes", async () => {
    const script = `export const words = ${JSON.stringify("sign in to coder ".repeat(200))};\n`;
    await writeFile(join(dist, "auth-ui", "page-abc.js"), script);
    await writeFile(join(dist, "login.html"), `<!doctype html><p>${"hello ".repeat(100)}</p>`);
    const rows = await precompress(dist);
    const file = join(dist, "auth-ui", "page-abc.js");
    expect(brotliDecompressSync(await readFile(`${file}.br`)).toString()).toBe(script);
    expect(gunzipSync(await readFile(`${file}.gz`)).toString()).toBe(script);
    expect(await exists(join(dist, "login.html.br"))).toBe(true);
    const row = rows.find((r) => r.file === join("auth-ui", "page-abc.js"));
    expect(row?.brotli).toBeLessThan(row?.gzip ?? 0);
  });

  it("leaves alone what doesn't compress: images, and files compression would make bigger", async () => {
    await writeFile(join(dist, "auth-ui", "logo.png"), Buffer.from([137, 80, 78, 71, 1, 2, 3]));
    await writeFile(join(dist, "robots.txt"), "x");
    await writeFile(join(dist, "robots.txt.gz"), "stale");
    await precompress(dist);
    expect(await exists(join(dist, "auth-ui", "logo.png.br"))).toBe(false);
    expect(await exists(join(dist, "robots.txt.br"))).toBe(false);
    expect(await exists(join(dist, "robots.txt.gz"))).toBe(false);
  });

  it("does not compress its own output again when run twice", async () => {
    await writeFile(join(dist, "auth-ui", "a.css"), "body{color:red}".repeat(50));
    await precompress(dist);
    await precompress(dist);
    expect(await exists(join(dist, "auth-ui", "a.css.br.br"))).toBe(false);
    expect(await exists(join(dist, "auth-ui", "a.css.gz.br"))).toBe(false);
  });
});

describe("moveSourceMaps", () => {
  it("moves every map out of what is served, keeping its path", async () => {
    await writeFile(join(dist, "auth-ui", "page-abc.js"), "x");
    await writeFile(join(dist, "auth-ui", "page-abc.js.map"), "{}");
    const maps = join(root, "dist-maps");
    expect(await moveSourceMaps(dist, maps)).toBe(1);
    expect(await exists(join(dist, "auth-ui", "page-abc.js.map"))).toBe(false);
    expect(await readFile(join(maps, "auth-ui", "page-abc.js.map"), "utf8")).toBe("{}");
    expect(await exists(join(dist, "auth-ui", "page-abc.js"))).toBe(true);
  });
});
