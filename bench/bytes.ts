// What a list of requested scripts weighs in each encoding, from the build's own files: the
// `.br`/`.gz` siblings the build wrote (compressed here at the same settings when an older build
// has none), so "as served with Brotli" does not depend on whether the server sends Brotli yet.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { brotli, gzip } from "../scripts/compress.ts";
import { ASSET_PREFIX } from "../src/app/owned-routes.ts";

interface FileSizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface RequestedScript {
  url: string;
  /** Content-Encoding the server actually sent ("" for none). */
  encoding: string;
  /** Body bytes actually transferred. */
  served: number;
}

export interface ScriptTotals {
  requests: number;
  raw: number;
  gzip: number;
  brotli: number;
  /** Bytes as this server sent them, and in which encodings. */
  served: number;
  encodings: string[];
  files: string[];
}

const cache = new Map<string, Promise<FileSizes>>();

async function sizesOf(path: string): Promise<FileSizes> {
  const body = await readFile(path);
  const sibling = async (suffix: string, encode: (b: Buffer) => Buffer) => {
    const stored = await readFile(`${path}${suffix}`).catch(() => undefined);
    // The build skips a sibling that would not be smaller: then the file goes as it is.
    return Math.min(body.length, (stored ?? encode(body)).length);
  };
  return {
    raw: body.length,
    gzip: await sibling(".gz", gzip),
    brotli: await sibling(".br", brotli),
  };
}

function fileSizes(dist: string, url: string): Promise<FileSizes> {
  const path = join(dist, decodeURIComponent(new URL(url).pathname));
  let sizes = cache.get(path);
  if (!sizes) {
    sizes = sizesOf(path);
    cache.set(path, sizes);
  }
  return sizes;
}

export async function totalScripts(
  dist: string,
  scripts: readonly RequestedScript[],
): Promise<ScriptTotals> {
  // Ours only: Coder's own scripts (the mock dashboard's, on arrival) are not in our build.
  const ours = scripts.filter((s) => new URL(s.url).pathname.startsWith(ASSET_PREFIX));
  const unique = [...new Map(ours.map((s) => [s.url, s])).values()];
  const sizes = await Promise.all(unique.map((s) => fileSizes(dist, s.url)));
  const sum = (pick: (s: FileSizes) => number) => sizes.reduce((total, s) => total + pick(s), 0);
  return {
    requests: unique.length,
    raw: sum((s) => s.raw),
    gzip: sum((s) => s.gzip),
    brotli: sum((s) => s.brotli),
    served: unique.reduce((total, s) => total + s.served, 0),
    encodings: [...new Set(unique.map((s) => s.encoding || "identity"))].sort(),
    files: unique.map((s) => new URL(s.url).pathname),
  };
}

export const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
