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

const contentMessages_zh = {
  invalidDraft: "草稿数据无效",
  titleLabel: "标题",
  required: (label: string) => `请填写${label}`,
  tooLong: (label: string, max: number) => `${label}不能超过 ${max} 个字`,
  noLineBreaks: (label: string) => `${label}不能换行或包含制表符`,
  controlChars: (label: string) => `${label}不能包含控制字符`,
  controlCharsRich: (label: string) => `${label}不能包含控制字符（换行和制表符除外）`,
  noStars: (label: string) => `${label}中不能直接输入“**”`,
  noStarsRich: (label: string) => `${label}中不能直接输入“**”，加粗请使用加粗按钮`,
  tooManyMarks: (label: string) => `${label}的加粗标记过多`,
  badMarks: (label: string) => `${label}的加粗位置无效`,
  pointNeedsText: "每一点都需要填写内容",
  pointsMin: (n: number) => `分点至少需要 ${n} 点`,
  pointsMax: (n: number) => `分点不能超过 ${n} 点`,
  chooseLayout: "请选择分点的排列方式",
  unknownBlock: "未知的段落类型",
  listIntroSeparate: "每点单独成段时，引导语请作为单独的段落填写",
  itemBodyMax: (n: number) => `每个条目不能超过 ${n} 段`,
  chooseNextStepsHeading: "请选择下一步部分的标题",
  chooseNextStepsKind: "请选择下一步方向的写法（一段文字或分点）",
  unknownTemplate: "不支持的案例模板",
  chooseCategory: "请选择案例类别",
  chooseLeadRegion: "请选择牵头地区",
  badRegionCode: "地区代码无效",
  regionsMax: (n: number) => `参与地区不能超过 ${n} 个`,
  introMin: (n: number) => `请至少填写 ${n} 段导语`,
  introMax: (n: number) => `导语不能超过 ${n} 段`,
  practicesMin: (n: number) => `主要做法至少需要 ${n} 条`,
  practicesMax: (n: number) => `主要做法不能超过 ${n} 条`,
  chooseEffectsHeading: "请选择效果部分的标题",
  effectsMin: (n: number) => `实践效果至少需要 ${n} 条`,
  effectsMax: (n: number) => `实践效果不能超过 ${n} 条`,
  regionIsLead: "参与地区不能包含牵头地区",
  regionRepeated: "参与地区不能重复",
} as const;

const contentMessages_en: Dictionary<typeof contentMessages_zh> = {
  invalidDraft: "Invalid draft data",
  titleLabel: "the title",
  required: (label: string) => `Enter ${label.toLowerCase()}`,
  tooLong: (label: string, max: number) => `${label} may not exceed ${max} characters`,
  noLineBreaks: (label: string) => `${label} may not contain line breaks or tabs`,
  controlChars: (label: string) => `${label} may not contain control characters`,
  controlCharsRich: (label: string) => `${label} may not contain control characters (other than line breaks and tabs)`,
  noStars: (label: string) => `${label} may not contain “**” typed in`,
  noStarsRich: (label: string) => `${label} may not contain “**” typed in; use the bold button for bold`,
  tooManyMarks: (label: string) => `${label} has too many bold marks`,
  badMarks: (label: string) => `${label} has bold marks in invalid places`,
  pointNeedsText: "Every point needs content",
  pointsMin: (n: number) => `At least ${n} points are needed`,
  pointsMax: (n: number) => `At most ${n} points`,
  chooseLayout: "Choose how the points are laid out",
  unknownBlock: "Unknown paragraph type",
  listIntroSeparate: "With each point its own paragraph, write the lead-in as a paragraph of its own",
  itemBodyMax: (n: number) => `An item may not have more than ${n} paragraphs`,
  chooseNextStepsHeading: "Choose the heading of the next-steps part",
  chooseNextStepsKind: "Choose how the next steps are written (one paragraph or points)",
  unknownTemplate: "Unsupported case template",
  chooseCategory: "Choose a case category",
  chooseLeadRegion: "Choose the leading region",
  badRegionCode: "Invalid region code",
  regionsMax: (n: number) => `At most ${n} participating regions`,
  introMin: (n: number) => `Write at least ${n} introduction ${n === 1 ? "paragraph" : "paragraphs"}`,
  introMax: (n: number) => `The introduction may not have more than ${n} paragraphs`,
  practicesMin: (n: number) => `At least ${n} main ${n === 1 ? "practice is" : "practices are"} needed`,
  practicesMax: (n: number) => `At most ${n} main practices`,
  chooseEffectsHeading: "Choose the heading of the effects part",
  effectsMin: (n: number) => `At least ${n} ${n === 1 ? "effect is" : "effects are"} needed`,
  effectsMax: (n: number) => `At most ${n} effects`,
  regionIsLead: "The participating regions may not include the leading region",
  regionRepeated: "A participating region is listed twice",
};

/** The content model's validation messages (app/cases/content/schema.ts), read when parsing. */
export const contentMessages = localized({ "zh-CN": contentMessages_zh, en: contentMessages_en }, "contentMessages");

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
