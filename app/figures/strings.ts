import { chineseNumeral } from "~/cases/content/numbering";
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
  batchLabel: (n: number) => `第${chineseNumeral(n)}批`,
  batch: "批次",
  categoryBatch: "各批次案例类别分布",
  categoryBatchDesc: (batches: number, total: number) => `横向堆叠条形图：${batches} 个批次共 ${total} 个案例，按类别分段。数字见下表。`,
  categoryBatchCaption: "各批次案例数（按类别）",
  categoryBatchEmpty: "还没有编入批次的案例。",
  stages: "各环节用时中位数（天）",
  stagesDesc: (batches: number) => `分组条形图：${batches} 个批次的案例在三个环节的用时中位数（天）：起草至首次提交、首次提交至审核通过（含退回修改）、审核通过至公报发布。数字见下表。`,
  stagesCaption: "各批次各环节用时中位数（天）",
  stagesNote: "用时取自审计日志（提交、审核通过）和公报发布时间；从公报导入的案例没有这些记录，不计入。",
  stagesEmpty: "还没有编入批次、经过审核流程的案例。",
  stageLabels: { draft: "起草→提交", review: "提交→审核通过", publish: "审核通过→发布" },
  stageCases: "案例数",
  noValue: "—",
  days: (n: number) => `${n} 天`,

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
  batchLabel: (n: number) => `Batch ${n}`,
  batch: "Batch",
  categoryBatch: "Case categories per batch",
  categoryBatchDesc: (batches: number, total: number) => `Stacked horizontal bar chart: ${total} cases in ${batches} batches, in segments by category. The numbers are in the table below.`,
  categoryBatchCaption: "Cases per batch (by category)",
  categoryBatchEmpty: "No case is in a batch yet.",
  stages: "Median days per stage",
  stagesDesc: (batches: number) => `Grouped bar chart: the median days the cases of ${batches} batches spent in three stages: drafting to first submission, first submission to approval (including returns for changes), approval to publication of the bulletin. The numbers are in the table below.`,
  stagesCaption: "Median days per stage, by batch",
  stagesNote: "Times come from the audit trail (submission, approval) and the bulletin's publication time; cases imported from a bulletin have no such records and are not counted.",
  stagesEmpty: "No case in a batch has gone through the review workflow yet.",
  stageLabels: { draft: "Drafting → submission", review: "Submission → approval", publish: "Approval → publication" },
  stageCases: "Cases",
  noValue: "—",
  days: (n: number) => `${n} ${n === 1 ? "day" : "days"}`,
};

export const figureStrings = localized({ "zh-CN": figureStrings_zh, en: figureStrings_en }, "figureStrings");
