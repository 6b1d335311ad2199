import type { Role } from "./permissions";

export const roleLabels: Record<Role, string> = {
  submitter: "地方填报人",
  reviewer: "部委审核人",
  publisher: "发布人",
  admin: "系统管理员",
};

export const permissionStrings = {
  forbidden: "您没有权限访问此页面或执行此操作。",
  forbiddenTitle: "无权访问（403）",
  notFoundTitle: "页面不存在（404）",
  methodNotAllowedTitle: "不支持的操作（405）",
  methodNotAllowed: "此页面不接受这种提交方式。请返回上一页，用页面上的按钮重新操作。",
  notFound: "您要找的页面不存在，或已被删除。",
  errorTitle: "出错了",
  error: "服务器处理请求时出错，请稍后重试。如果问题持续出现，请联系系统管理员。",
  backHome: "返回首页",
} as const;
