/**
 * The export formats of a bulletin and how their files are named — light (no renderer), shared by
 * the generator (exports.server.ts), the stored exports, the download route and the CLI.
 */
import { chineseNumeral } from "~/cases/content/numbering";

export const EXPORT_FORMATS = {
  md: { extension: "md", contentType: "text/markdown; charset=utf-8", label: "Markdown" },
  docx: { extension: "docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word（DOCX）" },
  pdf: { extension: "pdf", contentType: "application/pdf", label: "PDF" },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

export const isExportFormat = (value: string | undefined): value is ExportFormat => value === "md" || value === "docx" || value === "pdf";

/** "第四批最佳实践案例.docx"; a batch not yet published is marked as a proof. */
export function exportFileName(number: number, format: ExportFormat, published = true) {
  return `第${chineseNumeral(number)}批最佳实践案例${published ? "" : "（校样）"}.${EXPORT_FORMATS[format].extension}`;
}

/** Content-Disposition with an ASCII fallback and the real name per RFC 5987/6266. */
export function contentDisposition(fileName: string, asciiFallback: string) {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encoded}`;
}

export type ExportFile = { body: Buffer; contentType: string; fileName: string; asciiName: string };
