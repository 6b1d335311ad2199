import { localized, type Dictionary } from "~/i18n/localized";
/** User-visible text of case pages (zh-CN). */
const caseStrings_zh = {
  state: "状态",
  category: "类别",
  leadRegion: "牵头地区",
  regions: "参与地区",
  batchLabel: "公报",
  batch: (n: string) => `第${n}批最佳实践案例`,
  version: (v: number) => `第 ${v} 版`,
  updated: "最后修改",
  qualityTitle: "文字质量提示",
  qualityHint: "以下内容可能是转换或录入错误，请审核时留意：",
} as const;

const caseStrings_en: Dictionary<typeof caseStrings_zh> = {
  state: "State",
  category: "Category",
  leadRegion: "Leading region",
  regions: "Participating regions",
  batchLabel: "Bulletin",
  batch: (n: string) => `Best-practice cases, batch ${n}`,
  version: (v: number) => `version ${v}`,
  updated: "Last modified",
  qualityTitle: "Text quality hints",
  qualityHint: "The following may be conversion or typing errors; please check them when reviewing:",
};

export const caseStrings = localized({ "zh-CN": caseStrings_zh, en: caseStrings_en }, "caseStrings");
