/** User-visible text of the figures page (zh-CN). */
export const figureStrings = {
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
