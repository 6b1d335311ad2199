/** User-visible text of the shared UI pieces (zh-CN). */
export const uiStrings = {
  cancel: "取消",
  confirmTitle: "请确认",
} as const;
