/**
 * The browser's copy of a draft that the server has not confirmed yet (offline, a refused save,
 * a closed tab). Kept in localStorage under the user, the case (or "new") and the version the
 * edits started from, plus an id of the browser tab, so two tabs never overwrite each other's
 * copy. Every function swallows storage errors (private mode, quota): the copy is a safety net.
 */
import type { CaseFormValues } from "./values";

const PREFIX = "pilot-cases:draft:";
const TAB_KEY = "pilot-cases:tab";
/** Copies older than this are forgotten. */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

export type LocalDraft = {
  key: string;
  caseId: string | null;
  baseVersion: number | null;
  savedAt: number;
  values: CaseFormValues;
};

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

function tabId(): string {
  try {
    let id = window.sessionStorage.getItem(TAB_KEY);
    if (!id) {
      id = Math.random().toString(36).slice(2, 10);
      window.sessionStorage.setItem(TAB_KEY, id);
    }
    return id;
  } catch {
    return "tab";
  }
}

const casePrefix = (userId: string, caseId: string | null) => `${PREFIX}${userId}:${caseId ?? "new"}:`;

function keysOf(store: Storage, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i);
    if (k?.startsWith(prefix)) keys.push(k);
  }
  return keys;
}

/** Removes this tab's copies of the case (all base versions). */
export function removeLocalDraft(userId: string, caseId: string | null) {
  const store = storage();
  if (!store) return;
  try {
    const tab = tabId();
    for (const k of keysOf(store, casePrefix(userId, caseId))) if (k.endsWith(`:${tab}`)) store.removeItem(k);
  } catch {
    /* ignore */
  }
}

export function removeLocalDraftByKey(key: string) {
  try {
    storage()?.removeItem(key);
  } catch {
    /* ignore */
  }
}

/** Stores this tab's copy; returns false when the browser refused it. */
export function writeLocalDraft(userId: string, caseId: string | null, baseVersion: number | null, values: CaseFormValues): boolean {
  const store = storage();
  if (!store) return false;
  try {
    removeLocalDraft(userId, caseId);
    const key = `${casePrefix(userId, caseId)}${baseVersion ?? 0}:${tabId()}`;
    store.setItem(key, JSON.stringify({ caseId, baseVersion, savedAt: Date.now(), values }));
    return true;
  } catch {
    return false;
  }
}

/** Copies of the case kept by any tab, newest first. */
export function findLocalDrafts(userId: string, caseId: string | null): LocalDraft[] {
  const store = storage();
  if (!store) return [];
  const found: LocalDraft[] = [];
  try {
    for (const key of keysOf(store, casePrefix(userId, caseId))) {
      try {
        const parsed = JSON.parse(store.getItem(key) ?? "null") as Omit<LocalDraft, "key"> | null;
        if (!parsed || typeof parsed.savedAt !== "number" || !parsed.values || typeof parsed.values !== "object") {
          store.removeItem(key);
          continue;
        }
        if (Date.now() - parsed.savedAt > MAX_AGE_MS) {
          store.removeItem(key);
          continue;
        }
        found.push({ ...parsed, key });
      } catch {
        store.removeItem(key);
      }
    }
  } catch {
    return found;
  }
  return found.sort((a, b) => b.savedAt - a.savedAt);
}
