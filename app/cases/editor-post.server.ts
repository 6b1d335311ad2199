/** Reading the editor's post, with a size limit (the posts carry a whole case). */
import { formStrings as s } from "./form-strings";
import { MAX_EDITOR_POST_BYTES } from "./form/reply";

/**
 * The editor's post, read with a size limit: a declared Content-Length above the limit is refused
 * before reading; a body without one is read up to the limit and refused past it.
 */
export async function readEditorPost(request: Request): Promise<{ ok: true; formData: FormData } | { ok: false; status: 400 | 413; message: string }> {
  const tooLarge = { ok: false as const, status: 413 as const, message: s.tooLarge(MAX_EDITOR_POST_BYTES / 1024 / 1024) };
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_EDITOR_POST_BYTES) return tooLarge;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(contentType) || !request.body) {
    return { ok: false, status: 400, message: s.malformed };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_EDITOR_POST_BYTES) {
        await reader.cancel().catch(() => {});
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400, message: s.malformed };
  }
  try {
    const body = new Blob(chunks as BlobPart[]);
    const formData = await new Request("http://local/", { method: "POST", body, headers: { "content-type": contentType } }).formData();
    return { ok: true, formData };
  } catch {
    return { ok: false, status: 400, message: s.malformed };
  }
}

