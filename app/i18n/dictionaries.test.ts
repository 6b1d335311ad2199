import { describe, expect, it } from "vitest";
import { currentLocale } from "./locale";
import { localeFromAcceptLanguage, resolveLocale, runWithLocale } from "./locale.server";
import { registeredDictionaries } from "./localized";
import { formatDateTime } from "~/ui/format";
import { layoutStrings } from "~/layout/strings";

// Every strings module of the app, so that every dictionary pair registers itself.
const modules = import.meta.glob(["../**/strings.ts", "../**/*-strings.ts", "../../workflows/strings.ts"], { eager: true });

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Chinese the English text quotes on purpose (“截至”, a bulletin heading, an example title) is allowed. */
const withoutQuoted = (text: string) => text.replace(/“[^”]*”/g, "");
/** The switch names the other language in that language: Chinese on purpose in the English dictionary. */
const DELIBERATELY_CHINESE = new Set(["layout.otherLanguage", "layout.switchLanguageLabel"]);

function walk(zh: unknown, en: unknown, path: string, problems: string[]) {
  if (typeof zh === "string") {
    if (typeof en !== "string") return void problems.push(`${path}: English is ${typeof en}, Chinese a string`);
    if (!en.trim()) problems.push(`${path}: English is empty`);
    if (CJK.test(withoutQuoted(en)) && !DELIBERATELY_CHINESE.has(path)) problems.push(`${path}: Chinese left in English: ${en}`);
  } else if (typeof zh === "function") {
    if (typeof en !== "function") return void problems.push(`${path}: English is ${typeof en}, Chinese a function`);
    if (en.length !== zh.length) problems.push(`${path}: English takes ${en.length} arguments, Chinese ${zh.length}`);
    if (CJK.test(withoutQuoted(en.toString()))) problems.push(`${path}: Chinese left in the English function: ${en.toString()}`);
  } else if (Array.isArray(zh)) {
    if (!Array.isArray(en) || en.length !== zh.length) return void problems.push(`${path}: English list differs in length`);
    zh.forEach((value, i) => walk(value, en[i], `${path}[${i}]`, problems));
  } else if (zh && typeof zh === "object") {
    if (!en || typeof en !== "object") return void problems.push(`${path}: English is not an object`);
    const zhKeys = Object.keys(zh);
    const enKeys = Object.keys(en);
    for (const key of zhKeys) if (!enKeys.includes(key)) problems.push(`${path}.${key}: missing in English`);
    for (const key of enKeys) if (!zhKeys.includes(key)) problems.push(`${path}.${key}: in English only`);
    for (const key of zhKeys) if (enKeys.includes(key)) walk((zh as Record<string, unknown>)[key], (en as Record<string, unknown>)[key], `${path}.${key}`, problems);
  }
}

describe("UI dictionaries", () => {
  it("finds the strings modules and their dictionary pairs", () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(19);
    expect(registeredDictionaries.length).toBeGreaterThanOrEqual(20);
  });

  it("has every key in both languages, functions of the same arity, no empty English and no Chinese left in it", () => {
    const problems: string[] = [];
    for (const { name, dictionaries } of registeredDictionaries) walk(dictionaries["zh-CN"], dictionaries.en, name, problems);
    expect(problems).toEqual([]);
  });

  it("reports a key present in one language only", () => {
    const problems: string[] = [];
    walk({ a: "甲", b: (n: number) => `${n}` }, { a: "A", c: "C", b: () => "" }, "sample", problems);
    expect(problems).toEqual([
      "sample.c: in English only",
      "sample.b: English takes 0 arguments, Chinese 1",
    ]);
  });

  it("reads each string in the language of the current request, zh-CN outside one", () => {
    expect(currentLocale()).toBe("zh-CN");
    expect(layoutStrings.appName).toBe("最佳实践案例系统");
    expect(runWithLocale("en", () => layoutStrings.nav.search)).toBe("Search");
    expect(runWithLocale("en", () => Object.keys(layoutStrings))).toContain("appName");
    expect(runWithLocale("zh-CN", () => layoutStrings.welcome("张三"))).toBe("张三，您好");
  });

  it("writes dates through Intl in the reader's language, in Beijing time", () => {
    const at = new Date("2026-03-01T01:30:00Z");
    expect(formatDateTime(at, "datetime", "zh-CN")).toBe("2026/03/01 09:30");
    expect(formatDateTime(at, "datetime", "en")).toBe("01/03/2026, 09:30");
    expect(runWithLocale("en", () => formatDateTime(at, "date"))).toBe("01/03/2026");
  });
});

describe("choosing the language", () => {
  it("negotiates Accept-Language", () => {
    expect(localeFromAcceptLanguage("en-GB,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR,en;q=0.5,zh;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh-TW")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("de")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("%%%;q=x")).toBe("zh-CN");
  });

  it("prefers the user's choice, then the cookie, then the browser", () => {
    expect(resolveLocale({ userLocale: "en", cookie: "locale=zh-CN", acceptLanguage: "zh" })).toBe("en");
    expect(resolveLocale({ userLocale: null, cookie: "a=1; locale=en", acceptLanguage: "zh" })).toBe("en");
    expect(resolveLocale({ cookie: "locale=fr", acceptLanguage: "en-US" })).toBe("en");
    expect(resolveLocale({})).toBe("zh-CN");
  });
});
