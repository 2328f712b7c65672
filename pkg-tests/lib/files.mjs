// Reading test outputs too large for one JS string (a million devices' CSV and JSON).
import { closeSync, openSync, readSync } from 'node:fs';

/** A file's text in 64 MB pieces (UTF-8 split safely: the decoder keeps partial characters). */
export function* readChunks(path) {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(64 << 20);
  const decoder = new TextDecoder();
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) yield decoder.decode(buffer.subarray(0, n), { stream: true });
    yield decoder.decode();
  } finally {
    closeSync(fd);
  }
}

/** How often `needle` occurs in the file at `path`, read a piece at a time. */
export function occurrences(path, needle) {
  let count = 0;
  let carry = '';
  for (const chunk of readChunks(path)) {
    const text = carry + chunk;
    let last = -1;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
      count += 1;
      last = at;
    }
    // Keep the tail that could start a match cut by the piece's end (and is not part of one).
    carry = text.slice(Math.max(text.length - needle.length + 1, last >= 0 ? last + needle.length : 0, 0));
  }
  return count;
}
