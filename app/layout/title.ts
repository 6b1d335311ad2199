import type { MetaDescriptor } from "@remix-run/node";
import { layoutStrings } from "./strings";

/**
 * A page's `<title>`: what the page is, most specific first, then the system's name —
 * "探索粤港澳大湾区医疗融合新模式 · 最佳实践案例系统" — so tabs, bookmarks and history say which
 * case, batch or list they are. Empty parts (data not loaded, say on an error page) are left out.
 */
export function pageTitle(...parts: (string | null | undefined | false)[]): MetaDescriptor[] {
  return [{ title: [...parts.filter((p): p is string => Boolean(p && p.trim())), layoutStrings.appName].join(" · ") }];
}
