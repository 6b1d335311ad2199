import type { Permission } from "~/permissions/permissions";
import { layoutStrings } from "./strings";

type NavKey = keyof typeof layoutStrings.nav;
/** The main navigation as data: each entry appears for users holding its permission; its label is `layoutStrings.nav[key]`. */
export type NavItem = { to: string; key: NavKey; permission?: Permission; end?: boolean };

export const NAVIGATION: NavItem[] = [
  { to: "/", key: "dashboard", end: true },
  { to: "/cases", key: "cases", permission: "case:edit:own-region" },
  { to: "/review", key: "review", permission: "case:review:any" },
  { to: "/calls", key: "calls", permission: "call:read:invited" },
  { to: "/batches", key: "batches", permission: "batch:compile:any" },
  { to: "/figures", key: "figures", permission: "case:read:any" },
  { to: "/bulletins", key: "bulletins" },
  { to: "/inbox", key: "inbox" },
  { to: "/search", key: "search" },
  { to: "/admin/cases", key: "allCases", permission: "case:assign:any" },
  { to: "/admin/users", key: "users", permission: "user:manage:any" },
  { to: "/admin/regions", key: "regions", permission: "reference:manage:any" },
  { to: "/admin/categories", key: "categories", permission: "reference:manage:any" },
  { to: "/admin/import", key: "import", permission: "bulletin:import:any" },
  { to: "/admin/audit", key: "audit", permission: "audit:read:any" },
  { to: "/admin/jobs", key: "jobs", permission: "job:manage:any" },
];

/** The entries this user may see, labelled in the current language. */
export function navigationFor(permissions: readonly string[]) {
  return NAVIGATION.filter((item) => !item.permission || permissions.includes(item.permission)).map((item) => ({
    ...item,
    label: layoutStrings.nav[item.key],
  }));
}
