import { stringify } from "csv-stringify/sync";
import type { Figure } from "./figures";
import { AIDS_STRINGS } from "./strings";

/** The figures table as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese right). */
export function figuresCsv(figures: Figure[]): string {
  const rows = figures.map((f) => [f.value, f.unit, f.subject, f.asOf ?? "", f.where, f.sentence, f.flags.join("；")]);
  return "\uFEFF" + stringify([[...AIDS_STRINGS.figures.csvHeader], ...rows]);
}
