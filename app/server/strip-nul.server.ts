import { Transform } from "node:stream";

/**
 * React 18.3.1's streaming renderer can emit NUL bytes between the UTF-8 bytes of Chinese text in
 * attribute values (seen with `defaultValue` of inputs when a character falls on the edge of its
 * internal 2 KB buffer): browsers show "��", and a no-JS form would post the garbage back.
 * HTML never legitimately contains a NUL byte (user text cannot: the content schema refuses
 * control characters, and JSON in scripts escapes it), so dropping them restores the text exactly.
 */
export function stripNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? Buffer.from(chunk.filter((b) => b !== 0)) : chunk);
    },
  });
}
