import fs from "node:fs";
import { isExportFormat } from "~/batches/export-formats";
import { readStoredExport } from "~/batches/stored-exports.server";
import { getBatchByNumber } from "~/bulletin/bulletins.server";
import { getDatabaseHandle } from "~/db/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { runCli } from "./run";

/** npm run bulletin:export -- --batch <n> --format md|docx|pdf --out <file> */
function option(name: string) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

await runCli(async () => {
  const number = Number(option("batch"));
  const format = option("format") ?? "md";
  const out = option("out");
  if (!Number.isInteger(number) || number < 1 || !out) {
    console.error("用法：npm run bulletin:export -- --batch <批次号> --format md|docx|pdf --out <文件>");
    return 2;
  }
  if (!isExportFormat(format)) {
    console.error(`不支持的格式：${format}（支持 md、docx、pdf）`);
    return 2;
  }
  const handle = getDatabaseHandle();
  await migrateDatabase({ log: () => {} });
  const batch = await getBatchByNumber(handle.db, number);
  if (!batch) {
    console.error(`第 ${number} 批不存在。`);
    return 1;
  }
  // A published batch's file as the bulletin.export job stored it: no renderer, no browser is loaded.
  const stored = batch.state === "published" ? await readStoredExport(handle.db, batch, format) : null;
  if (stored?.status === "ready") {
    fs.writeFileSync(out, await stored.readBody());
    console.log(`已导出第 ${number} 批到 ${out}`);
    return 0;
  }
  const { exportBulletin } = await import("~/batches/exports.server");
  const { PdfUnavailable } = await import("~/bulletin/pdf.server");
  try {
    const file = await exportBulletin(handle.db, batch, format);
    fs.writeFileSync(out, file.body);
  } catch (error) {
    if (error instanceof PdfUnavailable) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  console.log(`已导出第 ${number} 批到 ${out}`);
});
