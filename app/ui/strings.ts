import { localized, type Dictionary } from "~/i18n/localized";
/** User-visible text of the shared UI pieces (zh-CN). */
const uiStrings_zh = {
  cancel: "取消",
  confirmTitle: "请确认",
} as const;

const uiStrings_en: Dictionary<typeof uiStrings_zh> = {
  cancel: "Cancel",
  confirmTitle: "Please confirm",
};

export const uiStrings = localized({ "zh-CN": uiStrings_zh, en: uiStrings_en }, "uiStrings");
