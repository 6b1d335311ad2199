export const searchStrings = {
  title: "搜索案例",
  placeholder: "输入关键词，如“离岸贸易”",
  submit: "搜索",
  results: (q: string) => `“${q}”的搜索结果`,
  none: "没有找到包含该关键词的案例。",
  hint: "在标题和正文中查找，至少两个字。只显示您有权查看的案例。",
  more: "更多结果",
  previous: "上一页",
} as const;
