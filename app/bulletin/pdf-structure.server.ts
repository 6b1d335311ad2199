/**
 * Reading a PDF's page tree and named destinations, as Chromium/Skia writes them (a classic xref
 * table, uncompressed dictionaries, /Dests in the catalog): the page each 目录 anchor landed on.
 */
export type PdfDestination = { page: number; top: number };
export type PdfStructure = { pageCount: number; pageHeights: number[]; destinations: Map<string, PdfDestination> };

export function readPdfStructure(pdf: Uint8Array): PdfStructure {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  const offsets = new Map<number, number>();
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!startxref) throw new Error("PDF: no startxref");
  const xref = /^xref\s+/.exec(text.slice(Number(startxref[1])));
  if (!xref) throw new Error("PDF: cross-reference streams are not supported");
  let pos = Number(startxref[1]) + xref[0].length;
  for (;;) {
    const head = /^(\d+) (\d+)\s+/.exec(text.slice(pos, pos + 40));
    if (!head) break;
    pos += head[0].length;
    const first = Number(head[1]);
    for (let i = 0; i < Number(head[2]); i++) {
      const entry = /^(\d{10}) (\d{5}) ([nf])\s*/.exec(text.slice(pos, pos + 24))!;
      if (entry[3] === "n") offsets.set(first + i, Number(entry[1]));
      pos += entry[0].length;
    }
  }
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(text.slice(pos))?.[1] ?? "";
  const object = (num: number): string => {
    const at = offsets.get(num);
    if (at === undefined) throw new Error(`PDF: object ${num} missing`);
    const rest = text.slice(at);
    const end = Math.min(...["endobj", "stream"].map((k) => rest.indexOf(k)).filter((i) => i >= 0));
    return rest.slice(0, end).replace(/^\d+ \d+ obj/, "");
  };
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+) \\d+ R`).exec(dict);
    return m ? Number(m[1]) : null;
  };

  const catalog = object(ref(trailer, "Root")!);
  const pages: number[] = [];
  const heights: number[] = [];
  const walk = (num: number, inheritedBox: string | null) => {
    const node = object(num);
    const box = /\/MediaBox\s*\[([^\]]*)\]/.exec(node)?.[1] ?? inheritedBox;
    if (/\/Type\s*\/Pages\b/.test(node)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? "";
      for (const m of kids.matchAll(/(\d+) \d+ R/g)) walk(Number(m[1]), box);
    } else {
      pages.push(num);
      const values = (box ?? "0 0 595 842").trim().split(/\s+/).map(Number);
      heights.push(values[3] - values[1]);
    }
  };
  walk(ref(catalog, "Pages")!, null);

  const destinations = new Map<string, PdfDestination>();
  const destsRef = ref(catalog, "Dests");
  const dests = destsRef !== null ? object(destsRef) : (/\/Dests\s*<<([\s\S]*?)>>/.exec(catalog)?.[1] ?? "");
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) \d+ R\s*\/XYZ\s+(-?[\d.]+)\s+(-?[\d.]+)/g)) {
    const name = m[1].replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const index = pages.indexOf(Number(m[2]));
    if (index >= 0) destinations.set(name, { page: index + 1, top: Number(m[4]) });
  }
  return { pageCount: pages.length, pageHeights: heights, destinations };
}

