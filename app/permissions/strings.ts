import type { Role } from "./permissions";
import { localized, type Dictionary } from "~/i18n/localized";

const roleLabels_zh: Record<Role, string> = {
  submitter: "地方填报人",
  reviewer: "部委审核人",
  publisher: "发布人",
  admin: "系统管理员",
};

const roleLabels_en: Dictionary<typeof roleLabels_zh> = {
  submitter: "Regional submitter",
  reviewer: "Ministry reviewer",
  publisher: "Publisher",
  admin: "Administrator",
};

export const roleLabels = localized({ "zh-CN": roleLabels_zh, en: roleLabels_en }, "roleLabels");

const permissionStrings_zh = {
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

const permissionStrings_en: Dictionary<typeof permissionStrings_zh> = {
  forbidden: "You are not allowed to open this page or do this.",
  forbiddenTitle: "Access denied (403)",
  notFoundTitle: "Page not found (404)",
  methodNotAllowedTitle: "Operation not supported (405)",
  methodNotAllowed: "This page does not accept this kind of submission. Go back and use the buttons on the page.",
  notFound: "The page you are looking for does not exist or has been deleted.",
  errorTitle: "Something went wrong",
  error: "The server failed to process the request; please try again later. If it keeps happening, contact the system administrator.",
  backHome: "Back to the home page",
};

export const permissionStrings = localized({ "zh-CN": permissionStrings_zh, en: permissionStrings_en }, "permissionStrings");
