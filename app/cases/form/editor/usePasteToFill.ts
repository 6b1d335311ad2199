/**
 * Paste to fill: the whole case pasted as text, recognised on the server and put into the form
 * (nothing saved). Its own fetcher, so a paste never waits for or replaces a save.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { CaseContent } from "~/cases/content";
import { formStrings as t } from "~/cases/form-strings";
import type { PasteInfo } from "../panels";
import type { EditorReply } from "../reply";
import type { CaseFormValues } from "../values";
import { buildPost } from "./post";

export function usePasteToFill(opts: {
  form: UseFormReturn<CaseFormValues, unknown, CaseContent>;
  caseId: string | null;
  actionUrl: string;
  baseVersionRef: React.MutableRefObject<number | null>;
  initial: EditorReply | undefined;
  /** Called with the server's answer: the editor applies "pasted" replies to the form. */
  onReply: (reply: EditorReply) => void;
}) {
  const { form, caseId, actionUrl, baseVersionRef, onReply } = opts;
  const paster = useFetcher<EditorReply>({ key: `case-paste:${caseId ?? "new"}` });
  const pasteRef = useRef<HTMLTextAreaElement>(null);
  const [pasteInfo, setPasteInfo] = useState<PasteInfo | null>(() =>
    opts.initial?.kind === "pasted"
      ? { ok: true, recognised: opts.initial.recognised, warnings: opts.initial.warnings }
      : opts.initial?.kind === "paste-failed"
        ? { ok: false, message: opts.initial.message, problems: opts.initial.problems }
        : null,
  );

  const doPaste = () => {
    const text = pasteRef.current?.value ?? "";
    if (!text.trim()) return setPasteInfo({ ok: false, message: t.pasteEmpty, problems: [] });
    if (navigator.onLine === false) return setPasteInfo({ ok: false, message: t.offline, problems: [] });
    const fd = buildPost(form.getValues(), "paste", caseId ? baseVersionRef.current : null, true);
    fd.set("pasteText", text);
    paster.submit(fd, { method: "post", action: actionUrl });
  };

  const lastPaste = useRef<unknown>(null);
  useEffect(() => {
    if (paster.state !== "idle" || !paster.data || paster.data === lastPaste.current) return;
    lastPaste.current = paster.data;
    const reply = paster.data;
    if (reply.kind === "pasted") setPasteInfo({ ok: true, recognised: reply.recognised, warnings: reply.warnings });
    else if (reply.kind === "paste-failed") setPasteInfo({ ok: false, message: reply.message, problems: reply.problems });
    onReply(reply);
  }, [paster.state, paster.data, onReply]);

  return { pasteRef, pasteInfo, doPaste };
}
