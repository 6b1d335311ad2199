import fs from "node:fs";
import { bulletinToMarkdown } from "~/bulletin/markdown";
import { getBatchByNumber, loadBulletin } from "~/bulletin/bulletins.server";
import { getDatabaseHandle } from "~/db/db.server";
import { runCli } from "./run";

/** npm run bulletin:export -- --batch <n> --format md --out <file> */
function option(name: string) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

await runCli(async () => {
  const number = Number(option("batch"));
  const format = option("format") ?? "md";
  const out = option("out");
  if (!Number.isInteger(number) || number < 1 || !out) {
    console.error("用法：npm run bulletin:export -- --batch <批次号> --format md --out <文件>");
    return 2;
  }
  if (format !== "md") {
    console.error(`不支持的格式：${format}（目前支持 md）`);
    return 2;
  }
  const handle = getDatabaseHandle();
  await handle.migrate();
  const batch = await getBatchByNumber(handle.db, number);
  if (!batch) {
    console.error(`第 ${number} 批不存在。`);
    return 1;
  }
  const { input, regionNames } = await loadBulletin(handle.db, batch);
  fs.writeFileSync(out, bulletinToMarkdown(input, { regionNames }));
  console.log(`已导出第 ${number} 批到 ${out}`);
});
