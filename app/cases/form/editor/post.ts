/** Building the editor's posts: the form's values as the fields a native form would post. */
import { valuesToEntries } from "../paths";
import { valuesToContent, type CaseFormValues } from "../values";

/** What the server would store for these values: the comparison for "changed since saved". */
export const snapshotOf = (values: CaseFormValues) => JSON.stringify(valuesToContent(values));

export function buildPost(values: CaseFormValues, intent: string, baseVersion: number | null, js: boolean): FormData {
  const fd = new FormData();
  for (const [name, value] of valuesToEntries(values)) fd.append(name, value);
  fd.set("intent", intent);
  if (js) fd.set("js", "1");
  if (baseVersion !== null) fd.set("baseVersion", String(baseVersion));
  return fd;
}

export function postSize(fd: FormData): number {
  return new URLSearchParams(fd as unknown as Record<string, string>).toString().length;
}
