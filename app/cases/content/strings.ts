import { localized, type Dictionary } from "~/i18n/localized";

/**
 * User-visible strings of the case content feature. The section headings and the bulletin's own
 * words (`sections`, `bulletin`) are the official Chinese text — the parser reads them and the
 * rendered bulletin prints them — so they stay Chinese in every UI language; the editor's labels
 * are localized.
 */
export const EFFECTS_HEADINGS = ["实践意义和效果", "实践效果"] as const;
export type EffectsHeading = (typeof EFFECTS_HEADINGS)[number];

export const NEXT_STEPS_HEADINGS = ["下一步创新方向", "下一步开放创新方向"] as const;
export type NextStepsHeading = (typeof NEXT_STEPS_HEADINGS)[number];

const caseContentLabels_zh = {
  templateId: "模板",
  title: "案例标题",
  category: "案例类别",
  leadRegion: "牵头地区",
  regions: "参与地区",
  intro: "导语",
  introParagraph: "导语段落",
  practices: "主要做法",
  practicesLead: "主要做法引导段",
  effects: "实践效果",
  effectsHeading: "效果部分标题",
  nextSteps: "下一步方向",
  nextStepsHeading: "下一步部分标题",
  nextStepsText: "下一步方向正文",
  item: "条目",
  itemHeading: "条目标题",
  itemBody: "条目正文",
  paragraph: "段落",
  paragraphLead: "段首加粗语",
  points: "分点",
  pointsIntro: "分点前的引导语",
  pointLead: "要点加粗语",
  pointText: "要点内容",
  layoutInline: "各点在同一段内",
  layoutList: "每点单独成段",
  kindParagraph: "一段文字",
  kindPoints: "分点（一是、二是……）",
} as const;

const caseContentLabels_en: Dictionary<typeof caseContentLabels_zh> = {
  templateId: "Template",
  title: "Case title",
  category: "Case category",
  leadRegion: "Leading region",
  regions: "Participating regions",
  intro: "Introduction",
  introParagraph: "Introduction paragraph",
  practices: "Main practices",
  practicesLead: "Lead paragraph of the main practices",
  effects: "Effects",
  effectsHeading: "Heading of the effects part",
  nextSteps: "Next steps",
  nextStepsHeading: "Heading of the next-steps part",
  nextStepsText: "Next-steps text",
  item: "Item",
  itemHeading: "Item heading",
  itemBody: "Item text",
  paragraph: "Paragraph",
  paragraphLead: "Bold lead-in",
  points: "Points",
  pointsIntro: "Lead-in before the points",
  pointLead: "Bold lead of the point",
  pointText: "Point text",
  layoutInline: "All points in one paragraph",
  layoutList: "Each point its own paragraph",
  kindParagraph: "A paragraph of text",
  kindPoints: "Points (“一是、二是……”)",
};

export const caseContentLabels = localized({ "zh-CN": caseContentLabels_zh, en: caseContentLabels_en }, "caseContentLabels");

export const CASE_STRINGS = {
  sections: {
    practices: "主要做法",
    effects: EFFECTS_HEADINGS,
    nextSteps: NEXT_STEPS_HEADINGS,
  },
  bulletin: {
    preface: "前言",
    toc: "目录",
  },
  /** The editor's labels of the content model: UI, so in the reader's language. */
  labels: caseContentLabels,
} as const;
