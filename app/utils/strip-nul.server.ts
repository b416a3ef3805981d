import { Transform } from "node:stream";

/**
 * React 18's streaming renderer encodes HTML into a 2,048-byte buffer and, when a multi-byte
 * UTF-8 character (every other Vietnamese letter) would straddle its end, flushes the whole
 * buffer with 1–3 unwritten zero bytes at the end (facebook/react#26228, fixed only in 19).
 * Those NULs land in the page mid-word. HTML never carries a literal NUL, so strip them from the
 * end of such full-buffer chunks.
 */
export const REACT_VIEW_SIZE = 2048;

export function stripTrailingNul(chunk: Buffer): Buffer {
  if (chunk.length !== REACT_VIEW_SIZE) return chunk;
  let end = chunk.length;
  while (end > chunk.length - 3 && chunk[end - 1] === 0) end--;
  return end === chunk.length ? chunk : chunk.subarray(0, end);
}

export function createNulStripper(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, stripTrailingNul(chunk));
    },
  });
}
