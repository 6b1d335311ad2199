import { unzipSync } from "fflate";

/** The parts of a DOCX (a zip), by path, e.g. "word/document.xml". fflate is what docx itself zips with. */
export function unzip(buffer: Buffer | Uint8Array): Map<string, Buffer> {
  return new Map(Object.entries(unzipSync(new Uint8Array(buffer))).map(([name, data]) => [name, Buffer.from(data)]));
}
