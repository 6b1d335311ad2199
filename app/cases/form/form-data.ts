/**
 * Reads the case form's post (with or without JavaScript) into form values and content.
 *
 * Field names encode the nested structure of the content model: `title`, `regions` (repeated),
 * `intro.0.text`, `practices.items.0.heading`, `practices.items.0.body.1.text.text`,
 * `practices.items.0.body.1.points.0.lead`, `nextSteps.kind`, … A rich text posts its `text`
 * and, when it has bold marks, a hidden `marks` (see values.ts). Other fields of the post
 * (intent, baseVersion, pasteText) are not content and are ignored here.
 *
 * Anything a real form cannot produce (a file, a name that is not a path of the model, an index
 * above 99, a name posted twice, a marks field that is not ours) throws FormDataError, which the
 * route answers with 400 and a Chinese message.
 */
import { formStrings } from "~/cases/form-strings";
import type { CaseContent } from "~/cases/content";
import {
  decodeMarks,
  emptyPoint,
  valuesToContent,
  type BlockField,
  type CaseFormValues,
  type ItemField,
  type NextStepsField,
  type PointField,
  type RichField,
} from "./values";

export class FormDataError extends Error {
  readonly status = 400;
  constructor(readonly detail: string) {
    super(formStrings.malformed);
  }
}

const CONTENT_ROOTS = new Set(["title", "category", "leadRegion", "regions", "intro", "practices", "effects", "nextSteps"]);
const MAX_FIELDS = 5000;
const MAX_DEPTH = 10;
const MAX_INDEX = 99;
const KEY = /^[a-z][A-Za-z]{0,20}$/;
const INDEX = /^\d{1,3}$/;

type Tree = Record<string, unknown>;

function setPath(tree: Tree, segments: string[], value: string, name: string) {
  let node: Tree | unknown[] = tree;
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    const nextIsIndex = !last && INDEX.test(segments[i + 1]);
    const key: string | number = INDEX.test(seg) ? Number(seg) : seg;
    if (typeof key === "number") {
      if (!Array.isArray(node)) throw new FormDataError(`${name}: index under an object`);
      if (key > MAX_INDEX) throw new FormDataError(`${name}: index ${key} too large`);
    } else {
      if (!KEY.test(seg)) throw new FormDataError(`${name}: bad segment "${seg}"`);
      if (Array.isArray(node)) throw new FormDataError(`${name}: key under a list`);
    }
    const container = node as Record<string | number, unknown>;
    const existing = container[key];
    if (last) {
      if (existing !== undefined) throw new FormDataError(`${name}: posted twice`);
      container[key] = value;
      return;
    }
    if (existing === undefined) container[key] = nextIsIndex ? [] : {};
    else if (typeof existing !== "object" || Array.isArray(existing) !== nextIsIndex) throw new FormDataError(`${name}: conflicting structure`);
    node = container[key] as Tree | unknown[];
  });
}

/** The raw nested tree of the content fields of a post. */
export function formDataToTree(formData: FormData): Tree {
  const tree: Tree = {};
  let count = 0;
  for (const [name, value] of formData.entries()) {
    const segments = name.split(".");
    if (!CONTENT_ROOTS.has(segments[0])) continue;
    if (++count > MAX_FIELDS) throw new FormDataError("too many fields");
    if (typeof value !== "string") throw new FormDataError(`${name}: not text`);
    if (segments.length > MAX_DEPTH) throw new FormDataError(`${name}: too deep`);
    if (name === "regions") {
      ((tree.regions ??= []) as string[]).push(value);
      continue;
    }
    if (segments[0] === "regions") throw new FormDataError(`${name}: regions is a plain list`);
    setPath(tree, segments, value, name);
  }
  return tree;
}

// ---------------------------------------------------------------------------------------------
// Shaping the tree into form values, strictly

const isObject = (v: unknown): v is Tree => Boolean(v) && typeof v === "object" && !Array.isArray(v);

function text(v: unknown, where: string): string {
  if (v === undefined) return "";
  if (typeof v !== "string") throw new FormDataError(`${where}: not text`);
  return v;
}

function obj(v: unknown, where: string): Tree {
  if (v === undefined) return {};
  if (!isObject(v)) throw new FormDataError(`${where}: not a group`);
  return v;
}

function list<T>(v: unknown, where: string, each: (x: unknown, w: string) => T): T[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new FormDataError(`${where}: not a list`);
  const out: T[] = [];
  v.forEach((x, i) => {
    if (x !== undefined) out.push(each(x, `${where}.${i}`));
  });
  return out;
}

function richValue(v: unknown, where: string): RichField {
  const o = obj(v, where);
  const marks = text(o.marks, `${where}.marks`);
  if (decodeMarks(marks) === undefined) throw new FormDataError(`${where}.marks: malformed`);
  return { text: text(o.text, `${where}.text`), marks };
}

function pointValue(v: unknown, where: string): PointField {
  const o = obj(v, where);
  return { lead: text(o.lead, `${where}.lead`), text: richValue(o.text, `${where}.text`) };
}

function choice<T extends string>(v: unknown, where: string, allowed: readonly T[], fallback: T): T {
  const s = text(v, where);
  if (s === "") return fallback;
  if (!(allowed as readonly string[]).includes(s)) throw new FormDataError(`${where}: unknown choice`);
  return s as T;
}

function blockValue(v: unknown, where: string): BlockField {
  const o = obj(v, where);
  const type = choice(o.type, `${where}.type`, ["paragraph", "points"] as const, "paragraph");
  const points = list(o.points, `${where}.points`, pointValue);
  return {
    type,
    lead: text(o.lead, `${where}.lead`),
    text: richValue(o.text, `${where}.text`),
    // kept as posted: the schema explains an unknown layout in Chinese
    layout: (text(o.layout, `${where}.layout`) || "list") as BlockField["layout"],
    intro: richValue(o.intro, `${where}.intro`),
    points: type === "paragraph" && points.length === 0 ? [emptyPoint(), emptyPoint()] : points,
  };
}

function itemValue(v: unknown, where: string): ItemField {
  const o = obj(v, where);
  return { heading: text(o.heading, `${where}.heading`), body: list(o.body, `${where}.body`, blockValue) };
}

function nextStepsValue(v: unknown): NextStepsField {
  const o = obj(v, "nextSteps");
  const kind = choice(o.kind, "nextSteps.kind", ["paragraph", "points"] as const, "paragraph");
  const points = list(o.points, "nextSteps.points", pointValue);
  return {
    heading: text(o.heading, "nextSteps.heading"),
    kind,
    text: richValue(o.text, "nextSteps.text"),
    layout: (text(o.layout, "nextSteps.layout") || "list") as NextStepsField["layout"],
    intro: richValue(o.intro, "nextSteps.intro"),
    points: kind === "paragraph" && points.length === 0 ? [emptyPoint(), emptyPoint()] : points,
  };
}

/** The form values of a post; throws FormDataError when the post is not one of our forms. */
export function formDataToValues(formData: FormData): CaseFormValues {
  const tree = formDataToTree(formData);
  const practices = obj(tree.practices, "practices");
  const effects = obj(tree.effects, "effects");
  return {
    title: text(tree.title, "title"),
    category: text(tree.category, "category"),
    leadRegion: text(tree.leadRegion, "leadRegion"),
    regions: (tree.regions as string[] | undefined) ?? [],
    intro: list(tree.intro, "intro", richValue),
    practices: { lead: richValue(practices.lead, "practices.lead"), items: list(practices.items, "practices.items", itemValue) },
    effects: { heading: text(effects.heading, "effects.heading"), items: list(effects.items, "effects.items", itemValue) },
    nextSteps: nextStepsValue(tree.nextSteps),
  };
}

/** The case content a post stands for (not yet validated: see draft-schema.ts). */
export function formDataToContent(formData: FormData): CaseContent {
  return valuesToContent(formDataToValues(formData));
}
