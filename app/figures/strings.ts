import { localized, type Dictionary } from "~/i18n/localized";
/** User-visible text of the figures page (zh-CN). */
const figureStrings_zh = {
  title: "统计图表",
  regionState: "各地区案例状态分布",
  regionStateDesc: (regions: number, total: number) => `横向堆叠条形图：${regions} 个地区共 ${total} 个已提交过的案例，按当前状态分段。数字见下表。`,
  region: "地区",
  total: "合计",
  csv: "下载 CSV",
  empty: "还没有已提交的案例。",
  tableCaption: "各地区案例数（按状态）",
  note: "不含草稿。与审核队列、公报编辑中的列表同一口径。",
} as const;

const figureStrings_en: Dictionary<typeof figureStrings_zh> = {
  title: "Charts",
  regionState: "Cases by region and state",
  regionStateDesc: (regions: number, total: number) => `Horizontal stacked bar chart: ${total} submitted cases of ${regions} regions, segmented by current state. The numbers are in the table below.`,
  region: "Region",
  total: "Total",
  csv: "Download CSV",
  empty: "No case has been submitted yet.",
  tableCaption: "Cases per region (by state)",
  note: "Drafts excluded. Counted as in the review queue and the bulletin editor.",
};

export const figureStrings = localized({ "zh-CN": figureStrings_zh, en: figureStrings_en }, "figureStrings");
