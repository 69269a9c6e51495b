// Last step of `npm run build`, after the prerender: keep source maps out of what is served, and
// write `.br` (Brotli, quality 11) and `.gz` (gzip, level 9) next to every compressible file of
// dist/, so the front door sends precompressed bytes instead of compressing on each request.
//
// Source maps are moved to dist-maps/ (same relative paths), not deleted: they are what turns a
// production stack trace back into our source, and the bench uses them to attribute bytes. The
// build writes them "hidden" (no sourceMappingURL comment), so no browser asks for them either.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, extname, join, relative } from "node:path";
import { brotli, COMPRESSIBLE, gzip } from "./compress.ts";

const root = join(import.meta.dirname, "..");

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

export async function moveSourceMaps(dist: string, maps: string): Promise<number> {
  await rm(maps, { recursive: true, force: true });
  let moved = 0;
  for await (const path of files(dist)) {
    if (!path.endsWith(".map")) continue;
    const target = join(maps, relative(dist, path));
    await mkdir(dirname(target), { recursive: true });
    await rename(path, target);
    moved++;
  }
  return moved;
}

export interface Precompressed {
  file: string;
  bytes: number;
  gzip: number | undefined;
  brotli: number | undefined;
}

/**
 * Writes the siblings of every compressible file. A sibling that would not be smaller than the
 * file is not written (nor a stale one kept), so the server sends such a file as it is.
 */
export async function precompress(dist: string): Promise<Precompressed[]> {
  const written: Precompressed[] = [];
  for await (const path of files(dist)) {
    if (path.endsWith(".gz") || path.endsWith(".br")) continue;
    if (!COMPRESSIBLE.has(extname(path))) continue;
    const body = await readFile(path);
    const row: Precompressed = {
      file: relative(dist, path),
      bytes: body.length,
      gzip: undefined,
      brotli: undefined,
    };
    for (const [suffix, encode, key] of [
      [".gz", gzip, "gzip"],
      [".br", brotli, "brotli"],
    ] as const) {
      const encoded = encode(body);
      if (encoded.length < body.length) {
        await writeFile(`${path}${suffix}`, encoded);
        row[key] = encoded.length;
      } else await rm(`${path}${suffix}`, { force: true });
    }
    written.push(row);
  }
  return written;
}

if (import.meta.main) {
  const dist = join(root, "dist");
  await stat(join(dist, "index.html")).catch(() => {
    throw new Error('No build in dist/: run "vite build" first.');
  });
  const maps = await moveSourceMaps(dist, join(root, "dist-maps"));
  const rows = await precompress(dist);
  const total = (key: "bytes" | "gzip" | "brotli") =>
    rows.reduce((sum, row) => sum + (row[key] ?? row.bytes), 0);
  console.log(
    `precompressed ${rows.length} files: ${total("bytes")} B → gzip ${total("gzip")} B, ` +
      `brotli ${total("brotli")} B; moved ${maps} source maps to dist-maps/`,
  );
}
