import type { Permission } from "~/permissions/permissions";

/** The main navigation as data: each entry appears for users holding its permission. */
export type NavItem = { to: string; label: string; permission?: Permission; end?: boolean };

export const NAVIGATION: NavItem[] = [
  { to: "/", label: "工作台", end: true },
  { to: "/cases", label: "本地区案例", permission: "case:edit:own-region" },
  { to: "/review", label: "审核队列", permission: "case:review:any" },
  { to: "/calls", label: "案例征集", permission: "call:read:invited" },
  { to: "/batches", label: "公报编辑", permission: "batch:compile:any" },
  { to: "/figures", label: "统计图表", permission: "case:read:any" },
  { to: "/bulletins", label: "已发布公报" },
  { to: "/inbox", label: "通知" },
  { to: "/search", label: "搜索" },
  { to: "/admin/cases", label: "全部案例", permission: "case:assign:any" },
  { to: "/admin/users", label: "用户管理", permission: "user:manage:any" },
  { to: "/admin/regions", label: "试点地区", permission: "reference:manage:any" },
  { to: "/admin/categories", label: "案例类别", permission: "reference:manage:any" },
  { to: "/admin/import", label: "导入公报", permission: "bulletin:import:any" },
  { to: "/admin/audit", label: "审计日志", permission: "audit:read:any" },
  { to: "/admin/jobs", label: "后台任务", permission: "job:manage:any" },
];

export function navigationFor(permissions: readonly string[]) {
  return NAVIGATION.filter((item) => !item.permission || permissions.includes(item.permission));
}
