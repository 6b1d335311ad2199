/**
 * The checks before any parsing: size (in O(1) when possible), emptiness, NUL bytes and binary
 * junk, each with the line it was found on and a Chinese message.
 */
import type { Issue } from "./case-body";

/** Input larger than this (UTF-8 bytes) is rejected before any parsing. */
export const MAX_BULLETIN_BYTES = 5 * 1024 * 1024;

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const lineOf = (s: string, index: number) => {
  let line = 1;
  for (let i = 0; i < index; i++) if (s.charCodeAt(i) === 10) line++;
  return line;
};

/** Size, emptiness and binary checks; returns errors or null. Size is checked first, in O(1) when possible. */
export function guardInput(text: unknown): Issue[] | null {
  if (typeof text !== "string") return [{ line: 1, message: "第 1 行：输入不是文本" }];
  const mb = MAX_BULLETIN_BYTES / 1024 / 1024;
  const tooBig = [{ line: 1, message: `第 1 行：文件过大，超过 ${mb} MB 的上限，请检查是否选错了文件` }];
  if (text.length > MAX_BULLETIN_BYTES) return tooBig; // every UTF-16 unit is ≥ 1 UTF-8 byte
  if (text.length * 3 > MAX_BULLETIN_BYTES && utf8Length(text) > MAX_BULLETIN_BYTES) return tooBig;
  if (text.trim() === "") return [{ line: 1, message: "第 1 行：内容为空，请粘贴或上传公报全文" }];
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = lineOf(text, nul);
    return [{ line, message: `第 ${line} 行：包含二进制内容（NUL 字符），这不是文本文件，请先转换为文本或 Markdown` }];
  }
  let junk = 0;
  let firstJunk = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) {
      junk++;
      if (firstJunk < 0) firstJunk = i;
    }
  }
  if (junk > 0 && junk / text.length > 0.01) {
    const line = lineOf(text, firstJunk);
    return [{ line, message: `第 ${line} 行起包含大量乱码或控制字符，无法识别为文本，请检查文件编码（应为 UTF-8）` }];
  }
  return null;
}
