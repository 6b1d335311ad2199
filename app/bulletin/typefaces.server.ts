/**
 * The stand-in typefaces on this machine: where their files are, the TrueType subsets the PDF's
 * page loads, and the fontconfig configuration that makes LibreOffice (and fc-match) use them
 * for the official names a DOCX asks for.
 *
 * Why subsets, and why TrueType: Chromium's PDF writer (Skia) embeds only TrueType-outline fonts
 * as named CID fonts; a PostScript-outline (CFF) font — Noto CJK, Fandol — comes out as an unnamed
 * Type 3 font of drawn glyphs (no name, no hinting, poor text extraction). So each face is cut
 * down to the characters the document sets in it (harfbuzz's hb-subset, WASM, which also drops the
 * hints) and its outlines converted to TrueType quadratics (fonteditor-core, pure JS). That takes
 * a second or more for a CJK face, so it runs in a worker thread, and results are kept per face and
 * text.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { TYPEFACE_ROLES, TYPEFACES, type Typeface, type TypefaceRole } from "./typefaces";

/**
 * Folders with stand-in faces that fontconfig does not scan by default: Debian installs FandolFang
 * inside the TeX Live tree. BULLETIN_FONT_DIRS (colon-separated) adds more, for other systems.
 */
export const EXTRA_FONT_DIRS = ["/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"];

function fontDirs() {
  return [...EXTRA_FONT_DIRS, ...(process.env.BULLETIN_FONT_DIRS ?? "").split(":").filter(Boolean)];
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A fontconfig configuration: the system's own, the extra font folders, and a rule per official
 * face name (方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312, 宋体, Times New Roman) that hands out its
 * stand-in. LibreOffice run with FONTCONFIG_FILE pointing at it renders a DOCX as the PDF is set.
 */
export function fontconfigXml(): string {
  const base = process.env.FONTCONFIG_FILE && !process.env.FONTCONFIG_FILE.includes("pilot-cases") ? process.env.FONTCONFIG_FILE : "/etc/fonts/fonts.conf";
  const rules = TYPEFACE_ROLES.flatMap((role) => {
    const t = TYPEFACES[role];
    return [t.official.name, ...t.official.aliases].map(
      (name) =>
        `  <match target="pattern"><test name="family"><string>${xml(name)}</string></test>` +
        `<edit name="family" mode="assign" binding="strong"><string>${xml(t.standIn.family)}</string></edit>` +
        `<edit name="style" mode="assign" binding="strong"><string>${xml(t.standIn.style)}</string></edit></match>`,
    );
  });
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    "<fontconfig>",
    `  <include ignore_missing="yes">${xml(base)}</include>`,
    ...fontDirs().map((d) => `  <dir>${xml(d)}</dir>`),
    ...rules,
    "</fontconfig>",
    "",
  ].join("\n");
}

let configPath: string | null = null;

/** The path of that configuration, written once per process into the temp folder. */
export function fontconfigFile(): string {
  const text = fontconfigXml();
  const file = path.join(os.tmpdir(), `pilot-cases-fonts-${createHash("sha1").update(text).digest("hex").slice(0, 10)}.conf`);
  if (configPath !== file || !fs.existsSync(file)) {
    fs.writeFileSync(file, text);
    configPath = file;
  }
  return file;
}

export type FaceFile = { file: string; index: number };

let located: Promise<Map<string, FaceFile>> | null = null;

/** Every installed face by PostScript name, as fontconfig lists them (with the extra folders). */
function installedFaces(): Promise<Map<string, FaceFile>> {
  located ??= promisify(execFile)("fc-list", ["-f", "%{postscriptname}\t%{file}\t%{index}\n"], {
    env: { ...process.env, FONTCONFIG_FILE: fontconfigFile() },
    maxBuffer: 16 * 1024 * 1024,
  })
    .then(({ stdout }) => {
      const faces = new Map<string, FaceFile>();
      for (const line of stdout.split("\n")) {
        const [ps, file, index] = line.split("\t");
        if (ps && file && !faces.has(ps)) faces.set(ps, { file, index: Number(index) || 0 });
      }
      return faces;
    })
    .catch(() => new Map<string, FaceFile>());
  return located;
}

/** Where each role's stand-in is installed; missing ones are left out. */
export async function locateStandIns(): Promise<Partial<Record<TypefaceRole, FaceFile>>> {
  const faces = await installedFaces();
  const out: Partial<Record<TypefaceRole, FaceFile>> = {};
  for (const role of TYPEFACE_ROLES) {
    const found = faces.get(TYPEFACES[role].standIn.postscript);
    if (found) out[role] = found;
  }
  return out;
}

/** The stand-ins this machine lacks, each with the Debian package that brings it. */
export async function missingStandIns(): Promise<Typeface[]> {
  const found = await locateStandIns();
  return TYPEFACE_ROLES.filter((r) => !found[r]).map((r) => TYPEFACES[r]);
}

// ---------------------------------------------------------------------------------------------
// Subsetting in a worker thread

/**
 * The worker's code, inline (`eval`), so that it needs no file of its own beside the bundled server;
 * the libraries are resolved here and their paths passed in.
 *
 * hb-subset (harfbuzz's own subsetter, harfbuzzjs's WASM build) keeps the document's characters of
 * the face (a face of a TrueType Collection by its index), drops the hints and flattens the CFF
 * subroutines — fonteditor-core's CFF reader misreads both in CID-keyed fonts such as Noto CJK.
 * fonteditor-core then turns the cubic outlines into TrueType quadratics; the advance widths come
 * from 'hmtx', which OpenType makes authoritative (fonteditor-core would take them from the
 * charstrings, wrong for CID-keyed fonts, whose nominal widths are per font dictionary).
 */
const WORKER_SOURCE = `
const fs = require("node:fs");
const { parentPort, workerData } = require("node:worker_threads");
const { Font } = require(workerData.fonteditor);
const NO_HINTING = 0x1, DESUBROUTINIZE = 0x4, NO_LAYOUT_CLOSURE = 0x200;
let hb = null;
async function harfbuzz() {
  if (!hb) {
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(workerData.harfbuzzWasm));
    hb = instance.exports;
    hb._initialize();
  }
  return hb;
}
async function subset(bytes, index, text) {
  const hb = await harfbuzz();
  const data = hb.malloc(bytes.byteLength);
  new Uint8Array(hb.memory.buffer).set(bytes, data);
  const blob = hb.hb_blob_create(data, bytes.byteLength, 2 /* writable */, 0, 0);
  const face = hb.hb_face_create(blob, index);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | NO_HINTING | DESUBROUTINIZE | NO_LAYOUT_CLOSURE);
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const c of text) hb.hb_set_add(unicodes, c.codePointAt(0));
  const result = hb.hb_subset_or_fail(face, input);
  hb.hb_subset_input_destroy(input);
  try {
    if (!result) throw new Error("hb_subset_or_fail failed");
    const out = hb.hb_face_reference_blob(result);
    const at = hb.hb_blob_get_data(out, 0);
    const length = hb.hb_blob_get_length(out);
    const copy = Buffer.from(new Uint8Array(hb.memory.buffer, at, length));
    hb.hb_blob_destroy(out);
    if (!length) throw new Error("empty subset");
    return copy;
  } finally {
    if (result) hb.hb_face_destroy(result);
    hb.hb_face_destroy(face);
    hb.free(data);
  }
}
function advanceWidths(otf) {
  const tables = {};
  for (let i = 0, n = otf.readUInt16BE(4); i < n; i++) tables[otf.toString("latin1", 12 + 16 * i, 16 + 16 * i)] = otf.readUInt32BE(20 + 16 * i);
  const metrics = otf.readUInt16BE(tables.hhea + 34);
  const widths = [];
  for (let i = 0; i < metrics; i++) widths.push(otf.readUInt16BE(tables.hmtx + 4 * i));
  return (gid) => widths[Math.min(gid, metrics - 1)];
}
parentPort.on("message", async ({ id, file, index, text }) => {
  try {
    let ttf = await subset(fs.readFileSync(file), index, text);
    if (ttf.toString("latin1", 0, 4) === "OTTO") {
      const font = Font.create(ttf, { type: "otf", hinting: false });
      const width = advanceWidths(ttf);
      font.get().glyf.forEach((glyph, gid) => { glyph.advanceWidth = width(gid); });
      ttf = Buffer.from(font.write({ type: "ttf", hinting: false }));
    }
    parentPort.postMessage({ id, ttf });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  }
});
`;

let worker: Worker | null = null;
let idle: NodeJS.Timeout | null = null;
let nextId = 1;
/** The worker holds harfbuzz's WASM memory: it ends after a quiet minute and starts again when needed. */
const IDLE_MS = 60_000;
const pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

function subsetWorker(): Worker {
  if (worker) return worker;
  const require = createRequire(import.meta.url);
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { harfbuzzWasm: require.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm"), fonteditor: require.resolve("fonteditor-core") } });
  w.unref();
  w.on("message", (m: { id: number; ttf?: Uint8Array; error?: string }) => {
    const job = pending.get(m.id);
    if (!job) return;
    pending.delete(m.id);
    if (pending.size === 0) {
      idle = setTimeout(() => void w.terminate(), IDLE_MS);
      idle.unref();
    }
    if (m.ttf) job.resolve(Buffer.from(m.ttf));
    else job.reject(new Error(`字体子集生成失败：${m.error}`));
  });
  w.on("error", (error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    worker = null;
  });
  w.on("exit", () => {
    worker = null;
  });
  worker = w;
  return w;
}

function runSubset(face: FaceFile, text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    if (idle) clearTimeout(idle);
    idle = null;
    pending.set(id, { resolve, reject });
    subsetWorker().postMessage({ id, file: face.file, index: face.index, text });
  });
}

/** Subsets kept by face and text: a proof and the published export of the same batch share them. */
const subsets = new Map<string, Promise<Buffer>>();
const SUBSET_LIMIT = 48;

/** The TrueType subset of a face holding the characters of `text`. */
export function subsetFace(face: FaceFile, text: string): Promise<Buffer> {
  const chars = [...new Set(text)].sort().join("");
  const key = `${face.file}#${face.index}#${createHash("sha1").update(chars).digest("hex")}`;
  let entry = subsets.get(key);
  if (!entry) {
    entry = runSubset(face, chars);
    subsets.set(key, entry);
    entry.catch(() => subsets.delete(key));
    while (subsets.size > SUBSET_LIMIT) subsets.delete(subsets.keys().next().value!);
  }
  return entry;
}

/** Characters every face gets besides the document's: figures and the page number's dashes. */
export const ALWAYS_SET = "0123456789— ";
