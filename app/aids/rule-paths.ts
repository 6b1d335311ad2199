/** Where a finding lives, as a link: the editor's field, or the passage on the case page. */

/** Content paths whose value is rich text (the form's field is then `<path>.text`). */
function isRich(path: string): boolean {
  if (path === "title" || path.endsWith(".heading")) return false;
  if (path.endsWith(".lead") && path !== "practices.lead") return false;
  return true;
}

/** `#f-…`: the editor's input of a content path (app/cases/form/paths.ts fieldId). */
export function editorFieldHref(path: string): string {
  return `#f-${isRich(path) ? `${path}.text` : path}`;
}

/** A text fragment link (`#:~:text=`) to the excerpt on the rendered case page. */
export function passageHref(excerpt: string): string {
  const core = excerpt.replace(/^…|…$/g, "").trim();
  return `#:~:text=${encodeURIComponent(core)}`;
}
