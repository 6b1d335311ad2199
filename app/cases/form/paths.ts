/**
 * Field paths of the case form: DOM ids, names of places in the case (for the error
 * summary), flattening react-hook-form's nested errors, and flattening values into the field
 * names the form posts.
 */
import { chineseNumeral, itemNumber, pointNumber, CASE_STRINGS } from "~/cases/content";
import { formStrings } from "~/cases/form-strings";
import type { FlatErrors } from "./draft-schema";
import type { CaseFormValues } from "./values";

/** DOM id of the input of a field path (dots are fine in ids). */
export const fieldId = (path: string) => `f-${path}`;
/** DOM id of a part (an item, a block, a point) of the form. */
export const partId = (path: string) => `part-${path}`;

const L = CASE_STRINGS.labels;
const P = () => formStrings.place;

/** "practices.items.1.body.0.points.2.text.text" → "主要做法（二）第 1 段三是内容". */
export function describePath(path: string): string {
  const seg = path.split(".");
  const out: string[] = [];
  let i = 0;
  const num = () => Number(seg[i++]);
  const root = seg[i++];
  switch (root) {
    case "title":
      return L.title;
    case "category":
      return L.category;
    case "leadRegion":
      return L.leadRegion;
    case "regions":
      return L.regions;
    case "form":
      return P().form;
    case "intro":
      if (i >= seg.length) return L.intro;
      return formStrings.introParagraph(num() + 1);
    case "practices":
    case "effects": {
      out.push(root === "practices" ? L.practices : L.effects);
      const key = seg[i++];
      if (key === "lead") return L.practicesLead;
      if (key === "heading") return L.effectsHeading;
      if (key !== "items" || i >= seg.length) return formStrings.joinPlace(out);
      out.push(itemNumber(num() + 1));
      const part = seg[i++];
      if (part === "heading") return formStrings.joinPlace([...out, P().heading]);
      if (part !== "body" || i >= seg.length) return formStrings.joinPlace([...out, P().body]);
      out.push(P().paragraph(num() + 1));
      break;
    }
    case "nextSteps":
      out.push(L.nextSteps);
      if (seg[i] === "heading") return L.nextStepsHeading;
      break;
    default:
      return path;
  }
  // inside a block or 下一步
  const rest = seg.slice(i);
  if (rest[0] === "points") {
    if (rest.length === 1) out.push(P().points);
    else {
      out.push(pointNumber(Number(rest[1]) + 1));
      out.push(rest[2] === "lead" ? P().lead : P().text);
    }
  } else if (rest[0] === "intro") out.push(P().intro);
  else if (rest[0] === "lead") out.push(P().paragraphLead);
  else if (rest[0] === "layout") out.push(P().layout);
  return formStrings.joinPlace(out);
}

type NestedErrors = { [key: string]: unknown };

/** react-hook-form's nested errors → path → message (a field array's `root` error sits on the array's path). */
export function flattenFieldErrors(errors: NestedErrors | undefined, prefix = "", out: FlatErrors = {}): FlatErrors {
  if (!errors || typeof errors !== "object") return out;
  const e = errors as { message?: unknown; type?: unknown };
  if (typeof e.message === "string" && e.message && e.type !== undefined) out[prefix || "form"] ??= e.message;
  for (const [key, value] of Object.entries(errors)) {
    if (key === "ref" || key === "message" || key === "type" || key === "types" || !value || typeof value !== "object") continue;
    const path = key === "root" ? prefix : prefix ? `${prefix}.${key}` : key;
    flattenFieldErrors(value as NestedErrors, path, out);
  }
  return out;
}

/**
 * Form values → the [name, value] pairs the form posts (the same names the inputs carry), so a
 * JavaScript save sends exactly what a no-JavaScript post would. `formDataToValues` reads them back.
 */
export function valuesToEntries(values: CaseFormValues): [string, string][] {
  const out: [string, string][] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === "string") out.push([path, node]);
    else if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
  };
  const { regions, ...rest } = values;
  for (const r of regions ?? []) out.push(["regions", r]);
  walk(rest, "");
  return out;
}

export const ordinal = (n: number) => chineseNumeral(n);
