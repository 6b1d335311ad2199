import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { getDb } from "~/db/db.server";
import { actorOf, requirePermission } from "~/permissions/require.server";
import { fieldErrors, readFormData, textField } from "~/ui/forms";
import { createCategory, createRegion, listCategories, listRegions, updateCategory, updateRegion } from "./reference.server";
import { categorySchema, regionSchema } from "./schemas";
import { adminStrings as t } from "./strings";
import { UserAdminError } from "./users.server";

export type ReferenceKind = "region" | "category";

/** The loader and action of the two reference-data pages, which differ only in their table. */
export async function loadReference(kind: ReferenceKind, request: Request, context: AppLoadContext) {
  requirePermission(request, context, "reference:manage:any");
  const rows = kind === "region" ? await listRegions(getDb()) : await listCategories(getDb());
  return { rows: rows.map((r) => ({ code: r.code, name: r.name, shortName: "shortName" in r ? r.shortName : undefined, sortOrder: r.sortOrder, active: r.active })) };
}

export async function referenceAction(kind: ReferenceKind, request: Request, context: AppLoadContext) {
  const admin = requirePermission(request, context, "reference:manage:any");
  const formData = await readFormData(request);
  const intent = formData ? textField(formData, "intent") : "";
  const values = formData
    ? {
        code: textField(formData, "code"),
        name: textField(formData, "name"),
        shortName: textField(formData, "shortName"),
        sortOrder: textField(formData, "sortOrder") || "0",
        active: intent === "create" || formData.get("active") === "on",
      }
    : null;
  const rowKey = intent === "create" ? "new" : values?.code ?? "";
  if (!values || (intent !== "create" && intent !== "update")) {
    return data({ rowKey, errors: { form: t.referenceNotFound } as Record<string, string>, values }, { status: 400 });
  }
  const parsed = kind === "region" ? regionSchema.safeParse(values) : categorySchema.safeParse(values);
  if (!parsed.success) return data({ rowKey, errors: fieldErrors(parsed.error), values }, { status: 400 });
  const actor = actorOf(context, admin);
  try {
    if (kind === "region") {
      const input = parsed.data as Parameters<typeof createRegion>[1];
      await (intent === "create" ? createRegion(actor, input) : updateRegion(actor, input));
    } else {
      const input = parsed.data as Parameters<typeof createCategory>[1];
      await (intent === "create" ? createCategory(actor, input) : updateCategory(actor, input));
    }
  } catch (error) {
    if (error instanceof UserAdminError) {
      return data({ rowKey, errors: { [error.field ?? "form"]: error.message } as Record<string, string>, values }, { status: error.status });
    }
    throw error;
  }
  throw redirect(`${new URL(request.url).pathname}?saved=1`);
}
