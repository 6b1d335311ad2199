/**
 * What the case editor's action answers (and what its client-side wrapper adds when the server
 * cannot be reached). Shared by the server (drafts.server.ts) and the editor component.
 */
import type { CaseContent } from "~/cases/content";
import type { FlatErrors } from "./draft-schema";
import type { CaseFormValues } from "./values";

/** Posts of the editor above this size are refused (413) by the action, and not sent by the browser. */
export const MAX_EDITOR_POST_BYTES = 1024 * 1024;

export type OptionRow = { code: string; name: string; active: boolean };
/** Choices of the form: active categories and regions (plus inactive ones the case uses), the user's own regions. */
export type EditorOptions = { categories: OptionRow[]; regions: OptionRow[]; ownRegions: OptionRow[] };

export type SaveIntent = "save" | "autosave" | "overwrite" | "submit";

export type EditorReply =
  /** A save went through (JavaScript saves only: without JavaScript the action redirects). */
  | { kind: "saved"; intent: SaveIntent; caseId: string; version: number; savedAt: string; created: boolean; unchanged: boolean }
  /** Validation failed: errors by field path, and the values exactly as posted. */
  | { kind: "invalid"; intent: SaveIntent; message: string; errors: FlatErrors; values: CaseFormValues; baseVersion: number | null }
  /** The case moved on since `baseVersion`: nothing was written. */
  | {
      kind: "conflict";
      intent: SaveIntent;
      message: string;
      values: CaseFormValues;
      baseVersion: number | null;
      serverVersion: number;
      theirs: CaseContent;
      theirsValues: CaseFormValues;
      updatedByName: string | null;
      updatedAt: string;
    }
  /** Paste to fill: the form's new values and what was recognised; nothing saved. */
  | { kind: "pasted"; values: CaseFormValues; baseVersion: number | null; recognised: string[]; warnings: string[] }
  | { kind: "paste-failed"; message: string; problems: string[]; values: CaseFormValues; baseVersion: number | null }
  /** Without JavaScript: the form re-rendered with one more / one less part; nothing saved. */
  | { kind: "restructured"; values: CaseFormValues; baseVersion: number | null; focus: string | null }
  /** A reply to a review comment, or a thread resolved, from the editor (nothing saved); values echoed without JavaScript. */
  | { kind: "commented"; message: string; values?: CaseFormValues; baseVersion?: number | null }
  /** Refused (malformed post, too large, a workflow refusal); values when they could be read. */
  | { kind: "error"; status: number; message: string; values?: CaseFormValues; baseVersion?: number | null }
  /** Client only: the request did not reach the server or its answer was unreadable. */
  | { kind: "offline"; message: string };

export type EditorReplyKind = EditorReply["kind"];
