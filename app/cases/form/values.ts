/**
 * The case form's values: the case content model with every rich text split into what a person
 * edits (`text`, a textarea) and what they do not (`marks`, a hidden field carrying the bold
 * ranges and the text they were made for). Paths are those of the content model, so a zod issue
 * at `practices.items.0.body.1.text.text` names the textarea `practices.items.0.body.1.text.text`.
 *
 * Blocks and 下一步 hold both variants (paragraph fields and points fields) so that switching a
 * block between "段落" and "分点" keeps what was typed in the other variant; `valuesToContent`
 * keeps only the chosen one.
 *
 * Bold marks (decision): a mark survives as long as the text it covers is unchanged. When a
 * person edits a paragraph, marks before and after the edited stretch are kept (shifted), a mark
 * the edit lies inside grows or shrinks with it (like typing inside bold text in Word), and a
 * mark the edit cuts into is clipped to its unchanged part. New text has no marks.
 */
import {
  CASE_LIMITS,
  CASE_TEMPLATE_ID,
  EFFECTS_HEADINGS,
  NEXT_STEPS_HEADINGS,
  rich,
  trimRich,
  type Block,
  type CaseContent,
  type CaseItem,
  type Mark,
  type NextSteps,
  type Point,
  type RichText,
} from "~/cases/content";

export type RichField = { text: string; marks: string };
export type PointField = { lead: string; text: RichField };
export type BlockField = {
  type: "paragraph" | "points";
  lead: string;
  text: RichField;
  layout: "inline" | "list";
  intro: RichField;
  points: PointField[];
};
export type ItemField = { heading: string; body: BlockField[] };
export type NextStepsField = {
  heading: string;
  kind: "paragraph" | "points";
  text: RichField;
  layout: "inline" | "list";
  intro: RichField;
  points: PointField[];
};
export type CaseFormValues = {
  title: string;
  category: string;
  leadRegion: string;
  regions: string[];
  intro: RichField[];
  practices: { lead: RichField; items: ItemField[] };
  effects: { heading: string; items: ItemField[] };
  nextSteps: NextStepsField;
};

// ---------------------------------------------------------------------------------------------
// Empty parts

export const emptyRich = (): RichField => ({ text: "", marks: "" });
export const emptyPoint = (): PointField => ({ lead: "", text: emptyRich() });
export const emptyBlock = (type: BlockField["type"] = "paragraph"): BlockField => ({
  type,
  lead: "",
  text: emptyRich(),
  layout: "list",
  intro: emptyRich(),
  points: [emptyPoint(), emptyPoint()],
});
export const emptyItem = (): ItemField => ({ heading: "", body: [emptyBlock()] });

export function emptyFormValues(init: { category?: string; leadRegion?: string } = {}): CaseFormValues {
  return {
    title: "",
    category: init.category ?? "",
    leadRegion: init.leadRegion ?? "",
    regions: [],
    intro: [emptyRich()],
    practices: { lead: emptyRich(), items: [emptyItem()] },
    effects: { heading: EFFECTS_HEADINGS[0], items: [emptyItem()] },
    nextSteps: {
      heading: NEXT_STEPS_HEADINGS[0],
      kind: "paragraph",
      text: emptyRich(),
      layout: "list",
      intro: emptyRich(),
      points: [emptyPoint(), emptyPoint()],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Marks carried through the form

/** Hidden-field encoding of marks: the text they belong to ("b") and [start, end] pairs ("m"). */
export function encodeMarks(r: RichText | undefined): string {
  if (!r?.marks?.length) return "";
  return JSON.stringify({ b: r.text, m: r.marks.map((m) => [m.start, m.end]) });
}

export type DecodedMarks = { base: string; marks: Mark[] };

/** Strict decoding: null for "", undefined when malformed. */
export function decodeMarks(value: string): DecodedMarks | null | undefined {
  if (!value) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== "object") return undefined;
  const { b, m } = parsed as { b?: unknown; m?: unknown };
  if (typeof b !== "string" || !Array.isArray(m) || m.length > CASE_LIMITS.marksMax) return undefined;
  const marks: Mark[] = [];
  for (const pair of m) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const [start, end] = pair as unknown[];
    if (!Number.isInteger(start) || !Number.isInteger(end)) return undefined;
    marks.push({ start: start as number, end: end as number });
  }
  return { base: b, marks };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Marks made for `base`, moved onto `text` (see the decision at the top of this file). Marks are
 * UTF-16 offsets; the common prefix and suffix never split a surrogate pair.
 */
export function carryMarks(base: string, marks: readonly Mark[], text: string): Mark[] {
  if (text === base) return marks.map((m) => ({ ...m }));
  const max = Math.min(base.length, text.length);
  let p = 0;
  while (p < max && base.charCodeAt(p) === text.charCodeAt(p)) p++;
  if (p > 0 && p < max && isHighSurrogate(base.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && base.charCodeAt(base.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  if (s > 0 && s < max - p && isHighSurrogate(base.charCodeAt(base.length - 1 - s))) s--;
  const editStart = p;
  const editEndBase = base.length - s;
  const delta = text.length - base.length;
  const out: Mark[] = [];
  for (const m of marks) {
    if (m.end <= editStart) out.push({ start: m.start, end: m.end });
    else if (m.start >= editEndBase) out.push({ start: m.start + delta, end: m.end + delta });
    else if (m.start <= editStart && m.end >= editEndBase) out.push({ start: m.start, end: m.end + delta });
    else {
      // The edit cuts into the mark: keep the unchanged part(s).
      if (m.start < editStart) out.push({ start: m.start, end: editStart });
      if (m.end > editEndBase) out.push({ start: editEndBase + delta, end: m.end + delta });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Content → values

export function richField(r: RichText | undefined): RichField {
  return { text: r?.text ?? "", marks: encodeMarks(r) };
}

function pointField(p: Point): PointField {
  return { lead: p.lead ?? "", text: richField(p.text) };
}

function blockField(b: Block): BlockField {
  if (b.type === "paragraph") return { ...emptyBlock("paragraph"), lead: b.lead ?? "", text: richField(b.text) };
  return {
    ...emptyBlock("points"),
    layout: b.layout,
    intro: richField(b.intro),
    points: b.points.map(pointField),
  };
}

function itemField(it: CaseItem): ItemField {
  return { heading: it.heading, body: it.body.map(blockField) };
}

export function contentToFormValues(c: CaseContent): CaseFormValues {
  const ns = c.nextSteps;
  const empty = emptyFormValues();
  return {
    title: c.title,
    category: c.category,
    leadRegion: c.leadRegion,
    regions: [...c.regions],
    intro: c.intro.map(richField),
    practices: { lead: richField(c.practices.lead), items: c.practices.items.map(itemField) },
    effects: { heading: c.effects.heading, items: c.effects.items.map(itemField) },
    nextSteps:
      ns.kind === "paragraph"
        ? { ...empty.nextSteps, heading: ns.heading, kind: "paragraph", text: richField(ns.text) }
        : { ...empty.nextSteps, heading: ns.heading, kind: "points", layout: ns.layout, intro: richField(ns.intro), points: ns.points.map(pointField) },
  };
}

// ---------------------------------------------------------------------------------------------
// Values → content (lenient: used for the live preview, for drafts and before validation)

const str = (v: unknown) => (typeof v === "string" ? v : "");
const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v.filter((x) => x != null) as T[]) : []);
const normalizeNewlines = (s: string) => s.replace(/\r\n?/g, "\n");

/** A rich field as rich text: marks carried onto the edited text, then trimmed. */
export function fieldToRich(f: Partial<RichField> | undefined): RichText {
  const text = normalizeNewlines(str(f?.text));
  const decoded = decodeMarks(str(f?.marks));
  const marks = decoded ? carryMarks(decoded.base, decoded.marks, text) : [];
  return trimRich(rich(text, marks));
}

function optionalRich(f: Partial<RichField> | undefined): RichText | undefined {
  const r = fieldToRich(f);
  return r.text === "" ? undefined : r;
}

const line = (v: unknown) => normalizeNewlines(str(v)).trim();
function optionalLine(v: unknown): string | undefined {
  const s = line(v);
  return s === "" ? undefined : s;
}

function toPoint(p: Partial<PointField>): Point {
  const lead = optionalLine(p?.lead);
  return lead === undefined ? { text: fieldToRich(p?.text) } : { lead, text: fieldToRich(p?.text) };
}

function toBlock(b: Partial<BlockField>): Block {
  if (b?.type === "points") {
    const intro = optionalRich(b.intro);
    return {
      type: "points",
      layout: b.layout as "inline" | "list",
      ...(intro ? { intro } : {}),
      points: arr<PointField>(b.points).map(toPoint),
    };
  }
  const lead = optionalLine(b?.lead);
  return { type: "paragraph", ...(lead ? { lead } : {}), text: fieldToRich(b?.text) };
}

function toItem(it: Partial<ItemField>): CaseItem {
  return { heading: line(it?.heading), body: arr<BlockField>(it?.body).map(toBlock) };
}

/**
 * The content a form's values stand for. Never throws: whatever it gets, it returns the shape of
 * CaseContent (values that are not valid, such as an unknown heading, are kept for the schema to
 * report). Participating regions never include the lead region and hold no duplicates.
 */
export function valuesToContent(v: Partial<CaseFormValues> | undefined): CaseContent {
  const leadRegion = line(v?.leadRegion);
  const regions = [...new Set(arr<string>(v?.regions).map(line).filter((r) => r !== "" && r !== leadRegion))];
  const ns = (v?.nextSteps ?? {}) as Partial<NextStepsField>;
  let nextSteps: NextSteps;
  if (ns.kind === "points") {
    const intro = optionalRich(ns.intro);
    nextSteps = {
      heading: str(ns.heading) as NextSteps["heading"],
      kind: "points",
      layout: ns.layout as "inline" | "list",
      ...(intro ? { intro } : {}),
      points: arr<PointField>(ns.points).map(toPoint),
    };
  } else {
    nextSteps = { heading: str(ns.heading) as NextSteps["heading"], kind: "paragraph", text: fieldToRich(ns.text) };
  }
  const lead = optionalRich(v?.practices?.lead);
  return {
    templateId: CASE_TEMPLATE_ID,
    title: line(v?.title),
    category: line(v?.category),
    leadRegion,
    regions,
    intro: arr<RichField>(v?.intro).map(fieldToRich),
    practices: { ...(lead ? { lead } : {}), items: arr<ItemField>(v?.practices?.items).map(toItem) },
    effects: { heading: str(v?.effects?.heading) as CaseContent["effects"]["heading"], items: arr<ItemField>(v?.effects?.items).map(toItem) },
    nextSteps,
  };
}

// ---------------------------------------------------------------------------------------------
// Structure operations (adding, removing, moving parts) as the no-JavaScript form posts them

/**
 * An operation named by a submit button: `op:<verb>:<path>[:<arg>]`.
 * - add:<array path>[:paragraph|points]   append an element (blocks: of that type)
 * - remove:<element path>                 remove it
 * - up:<element path> / down:<element path>  move it
 * - type:<block path>:paragraph|points    switch a block's type
 * - kind:nextSteps:paragraph|points       switch 下一步 between one paragraph and points
 */
export type StructureOp =
  | { verb: "add"; path: string; arg?: "paragraph" | "points" }
  | { verb: "remove" | "up" | "down"; path: string }
  | { verb: "type" | "kind"; path: string; arg: "paragraph" | "points" };

export const opValue = (op: StructureOp) => `op:${op.verb}:${op.path}${"arg" in op && op.arg ? `:${op.arg}` : ""}`;

export function parseOp(value: string): StructureOp | null {
  const m = /^op:(add|remove|up|down|type|kind):([A-Za-z0-9.]{1,120})(?::(paragraph|points))?$/.exec(value);
  if (!m) return null;
  const [, verb, path, arg] = m as unknown as [string, StructureOp["verb"], string, "paragraph" | "points" | undefined];
  if (verb === "type" || verb === "kind") return arg ? { verb, path, arg } : null;
  if (verb === "add") return { verb, path, ...(arg ? { arg } : {}) };
  return arg ? null : { verb, path };
}

/** Maximum number of elements of each kind of list, by the last segment of its path. */
export function listLimit(path: string): number {
  if (path === "intro") return CASE_LIMITS.introParagraphsMax;
  if (path === "practices.items") return CASE_LIMITS.practiceItemsMax;
  if (path === "effects.items") return CASE_LIMITS.effectItemsMax;
  if (path.endsWith(".body")) return CASE_LIMITS.blocksPerItemMax;
  if (path.endsWith(".points")) return CASE_LIMITS.pointsMax;
  return 0;
}

function resolve(root: unknown, segments: string[]): unknown {
  let node = root;
  for (const seg of segments) {
    if (Array.isArray(node) && /^\d+$/.test(seg)) node = node[Number(seg)];
    else if (node && typeof node === "object" && !Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, seg)) node = (node as Record<string, unknown>)[seg];
    else return undefined;
  }
  return node;
}

function newElement(arrayPath: string, arg?: "paragraph" | "points"): unknown {
  if (arrayPath === "intro") return emptyRich();
  if (arrayPath === "practices.items" || arrayPath === "effects.items") return emptyItem();
  if (arrayPath.endsWith(".body")) return emptyBlock(arg ?? "paragraph");
  if (arrayPath.endsWith(".points")) return emptyPoint();
  return undefined;
}

const ARRAY_PATH = /^(intro|practices\.items|effects\.items|(?:practices|effects)\.items\.\d+\.body|(?:practices|effects)\.items\.\d+\.body\.\d+\.points|nextSteps\.points)$/;

/**
 * Applies a structure operation to a copy of the values. Returns null when the operation does
 * not fit the values (a stale or forged button): nothing changes then.
 */
export function applyStructureOp(values: CaseFormValues, op: StructureOp): CaseFormValues | null {
  const next = structuredClone(values) as CaseFormValues;
  const segments = op.path.split(".");
  if (op.verb === "add") {
    if (!ARRAY_PATH.test(op.path)) return null;
    const list = resolve(next, segments);
    if (!Array.isArray(list) || list.length >= listLimit(op.path)) return null;
    list.push(newElement(op.path, op.arg));
    return next;
  }
  if (op.verb === "kind") {
    if (op.path !== "nextSteps") return null;
    next.nextSteps.kind = op.arg;
    if (op.arg === "points" && next.nextSteps.points.length < 2) next.nextSteps.points = [...next.nextSteps.points, emptyPoint(), emptyPoint()].slice(0, 2);
    return next;
  }
  if (op.verb === "type") {
    const parentPath = segments.slice(0, -1).join(".");
    if (!/\.body$/.test(parentPath) || !ARRAY_PATH.test(parentPath)) return null;
    const block = resolve(next, segments) as BlockField | undefined;
    if (!block || typeof block !== "object") return null;
    block.type = op.arg;
    if (op.arg === "points" && block.points.length < 2) block.points = [...block.points, emptyPoint(), emptyPoint()].slice(0, 2);
    return next;
  }
  const index = Number(segments[segments.length - 1]);
  const parentPath = segments.slice(0, -1).join(".");
  if (!Number.isInteger(index) || !ARRAY_PATH.test(parentPath)) return null;
  const list = resolve(next, segments.slice(0, -1)) as unknown[] | undefined;
  if (!Array.isArray(list) || index >= list.length) return null;
  if (op.verb === "remove") list.splice(index, 1);
  else {
    const to = op.verb === "up" ? index - 1 : index + 1;
    if (to < 0 || to >= list.length) return null;
    const [moved] = list.splice(index, 1);
    list.splice(to, 0, moved);
  }
  return next;
}
