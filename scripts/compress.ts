// The two encodings the front door serves, at the settings the build uses: shared by the build's
// precompression step and the bench (which measures "as served" from the same bytes).
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** Text formats worth compressing; images other than SVG are compressed already. */
export const COMPRESSIBLE = new Set([
  ".html",
  ".js",
  ".mjs",
  ".css",
  ".svg",
  ".txt",
  ".json",
  ".webmanifest",
  ".xml",
]);

export function gzip(body: Uint8Array): Buffer {
  return gzipSync(body, { level: 9 });
}

export function brotli(body: Uint8Array): Buffer {
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}
