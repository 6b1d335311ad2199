import { localized, type Dictionary } from "~/i18n/localized";
/** User-visible text of the shared UI pieces (zh-CN). */
const uiStrings_zh = {
  cancel: "取消",
  confirmTitle: "请确认",
  pagination: "分页",
  previousPage: "上一页",
  nextPage: "下一页",
  select: "选择",
  actions: "操作",
  filters: "筛选",
  partActions: (what: string) => `${what}的操作`,
  leadHint: "加粗显示，末尾自动加句号。",
  optional: (label: string) => `${label}（可选）`,
  and: (a: string, b: string) => `${a}和${b}`,
  caseCount: (n: number) => `${n} 个案例`,
  fileTooLarge: (mb: number) => `文件过大，上限为 ${mb} MB。`,
  suggested: (names: string) => `建议：${names || "无"}`,
  participatingRegion: (name: string) => `参与地区 ${name}`,
  badParam: (name: string) => `网址中的参数“${name}”无效，请返回上一页重新操作。`,
} as const;

const uiStrings_en: Dictionary<typeof uiStrings_zh> = {
  cancel: "Cancel",
  confirmTitle: "Please confirm",
  pagination: "Pagination",
  previousPage: "Previous page",
  nextPage: "Next page",
  select: "Select",
  actions: "Actions",
  filters: "Filters",
  partActions: (what: string) => `Actions for ${what}`,
  leadHint: "Shown in bold; a full stop is added at the end.",
  optional: (label: string) => `${label} (optional)`,
  and: (a: string, b: string) => `${a} and ${b.toLowerCase()}`,
  caseCount: (n: number) => `${n} ${n === 1 ? "case" : "cases"}`,
  fileTooLarge: (mb: number) => `The file is too large; the limit is ${mb} MB.`,
  suggested: (names: string) => `Suggested: ${names || "none"}`,
  participatingRegion: (name: string) => `Participating region ${name}`,
  badParam: (name: string) => `The address has an invalid parameter “${name}”; go back and try again.`,
};

export const uiStrings = localized({ "zh-CN": uiStrings_zh, en: uiStrings_en }, "uiStrings");
