/**
 * Query strings parsed through one zod schema per route (issue #13: `?before=99999999999999999999`,
 * `?page=1e309`, `?before=1.5`, `?entityId=%00` or a year-99999 date each gave a 500). A bad
 * parameter answers 400 with a Chinese message naming it, rendered by the error boundary.
 */
import { data } from "@remix-run/node";
import { z } from "zod";
import { uiStrings } from "./strings";

const CONTROL = /[\u0000-\u001f\u007f]/;

/** The refusal of a bad query parameter (app/ui/strings.ts). */
export const queryStrings = { badParam: (name: string) => uiStrings.badParam(name) };

/** An optional whole number in [min, max], written in plain digits. */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,15}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional();

/** An optional calendar day, YYYY-MM-DD, between 2000 and 2100. */
export const queryDay = z
  .string()
  .regex(/^(20[0-9]{2}|2100)-[01][0-9]-[0-3][0-9]$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d))
  .optional();

/** Optional free text: at most `max` characters, no control characters. */
export const queryText = (max = 200) => z.string().max(max).refine((s) => !CONTROL.test(s)).optional();

/** One of `values` (a state, a format…), else absent. */
export const queryEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional();

/** A region or category code as the reference tables write them (lower-case words joined by hyphens). */
export const queryCode = z.string().max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).optional();

/** A yes-flag (`?changed=1`, `?mine=1`). */
export const queryFlag = z.enum(["0", "1"]).optional();

/** No parameters at all are read: any value is fine as long as it is sane text (the fuzz test's floor). */
export const noQuery = z.object({});

/**
 * Reads the query of `request` through `schema` (empty parameters count as absent); throws a 400
 * naming the first bad one. Unknown parameters are ignored.
 */
export function parseQuery<S extends z.ZodObject<z.ZodRawShape>>(request: Request, schema: S): z.infer<S> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]?.path[0] ?? "");
    throw data({ message: queryStrings.badParam(name) }, { status: 400 });
  }
  return parsed.data;
}

/**
 * A keyset cursor, `<key>,…,<id>` (the sort key of the row a page starts after or ends before, then
 * its id): timestamps as whole microseconds since 1970 (`null` parts empty where the key may be
 * null), the id a UUID. Read by app/ui/keyset.server.ts.
 */
export const queryCursor = (parts: readonly ("time" | "time?")[]) =>
  z
    .string()
    .max(200)
    .regex(new RegExp(`^${parts.map((p) => (p === "time" ? "[0-9]{1,17}," : "(?:[0-9]{1,17})?,")).join("")}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`))
    .transform((s) => {
      const items = s.split(",");
      return { keys: items.slice(0, -1).map((k) => (k === "" ? null : k)), id: items[items.length - 1]! };
    })
    .optional();
