import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { caseComments, caseRegions, cases, userRoles, users } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { getCaseContent } from "~/cases/cases.server";
import { leadRegionSubmitters, workflowInfo } from "~/cases/transitions.server";
import { getDb, type Executor, type Transaction } from "~/db/db.server";
import { insertNotifications } from "~/notifications/notifications.server";
import { isLeadRegionSubmitter } from "#workflows/case-review";
import { canComment } from "./access";
import { anchorPlace, isValidAnchor } from "./anchors";
import { anchorOfField, parseSelector, sectionSelector, selectorForQuote, type CommentSelector } from "./selector";
import { reviewStrings as t, sentences } from "./strings";
import { workflowMessages as wm } from "#workflows/strings";

/**
 * Review comments: anchored to a part of the case, threaded (a reply points at the thread's
 * root), resolved and reopened per thread. Every write is one transaction with its audit event
 * (recorded on the case, so the case's history and the audit filter by case show it) and its
 * notifications; e-mails follow the commit.
 */
export const COMMENT_BODY_MAX = 2000;

export class CommentError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409,
    /** The form field the message belongs to. */
    readonly field: "body" | "anchor" | "quote" | "form" = "form",
  ) {
    super(message);
  }
}

export type CommentView = {
  id: number;
  parentId: number | null;
  anchor: string;
  /** Inline comments: the passage (app/review/selector.ts); item comments: the item's heading. */
  selector: CommentSelector | null;
  body: string;
  version: number;
  authorId: string;
  authorName: string;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedByName: string | null;
};

const resolver = alias(users, "resolver");

/** All comments of a case, oldest first, with author and resolver names: one query. */
export async function listComments(db: Executor, caseId: string): Promise<CommentView[]> {
  const rows = await db
    .select({
      id: caseComments.id,
      parentId: caseComments.parentId,
      anchor: caseComments.anchor,
      selector: caseComments.selector,
      body: caseComments.body,
      version: caseComments.version,
      authorId: caseComments.authorId,
      authorName: users.displayName,
      createdAt: caseComments.createdAt,
      resolvedAt: caseComments.resolvedAt,
      resolvedByName: resolver.displayName,
    })
    .from(caseComments)
    .innerJoin(users, eq(users.id, caseComments.authorId))
    .leftJoin(resolver, eq(resolver.id, caseComments.resolvedBy))
    .where(eq(caseComments.caseId, caseId))
    .orderBy(asc(caseComments.createdAt), asc(caseComments.id));
  return rows.map((r) => ({ ...r, selector: parseSelector(r.selector) }));
}

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Body: required, trimmed, no control characters but line breaks and tabs, at most COMMENT_BODY_MAX characters (code points). */
export function checkBody(raw: string): string {
  const body = raw.replace(/\r\n?/g, "\n").trim();
  if (!body) throw new CommentError(t.bodyRequired, 400, "body");
  // (a NUL byte would not even reach the database: PostgreSQL refuses it)
  if (CONTROL_CHARS.test(body)) throw new CommentError(t.bodyControlChars, 400, "body");
  const n = [...body].length;
  if (n > COMMENT_BODY_MAX) throw new CommentError(t.bodyTooLong(COMMENT_BODY_MAX, n), 400, "body");
  return body;
}

/** Loads the case inside the transaction and checks the user may write comments on it. */
async function lockCaseForComment(tx: Transaction, user: SessionUser, caseId: string) {
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).limit(1);
  if (!row) throw new CommentError(wm.caseNotFound, 404);
  const [info, participating] = await Promise.all([
    workflowInfo(tx, row),
    tx.select({ code: caseRegions.regionCode }).from(caseRegions).where(eq(caseRegions.caseId, caseId)),
  ]);
  if (!canComment(user, info, participating.map((p) => p.code))) throw new CommentError(t.commentForbidden, 403);
  return { row, info };
}

function excerpt(text: string, max = 80) {
  const chars = [...text.replace(/\s+/g, " ")];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : chars.join("");
}

/**
 * A new comment or reply. `quote` makes it an inline comment on that passage: found by `hint`
 * (field and offsets of a selection in the page) or, without JavaScript, searched in the section.
 */
export type NewComment = {
  caseId: string;
  anchor: string;
  body: string;
  parentId?: number | null;
  quote?: string | null;
  hint?: { field: string; start: number; end: number } | null;
};

export async function addComment(user: SessionUser, auditActor: AuditActor, input: NewComment) {
  const body = checkBody(input.body);
  const result = await getDb().transaction(async (tx) => {
    const { row, info } = await lockCaseForComment(tx, user, input.caseId);
    const content = await getCaseContent(tx, row.id, row.version);

    let anchor = input.anchor;
    let parentId: number | null = null;
    let parentAuthor: string | null = null;
    if (input.parentId != null) {
      // Replies join the thread of their root; the anchor is the thread's.
      let [parent] = await tx.select().from(caseComments).where(and(eq(caseComments.id, input.parentId), eq(caseComments.caseId, row.id))).limit(1);
      if (!parent) throw new CommentError(t.parentInvalid, 404);
      parentAuthor = parent.authorId;
      for (let depth = 0; parent.parentId !== null && depth < 50; depth++) {
        const [up] = await tx.select().from(caseComments).where(and(eq(caseComments.id, parent.parentId), eq(caseComments.caseId, row.id))).limit(1);
        if (!up) break;
        parent = up;
      }
      parentId = parent.id;
      anchor = parent.anchor;
    } else if (!content || !isValidAnchor(anchor, content)) {
      throw new CommentError(t.anchorInvalid, 400, "anchor");
    }

    let selector: CommentSelector | null = null;
    if (parentId === null && content) {
      const quote = input.quote ?? "";
      if (quote.trim()) {
        const found = selectorForQuote(content, anchor, quote, input.hint);
        if (!found.ok) throw new CommentError(t.quoteProblem[found.reason], 400, "quote");
        selector = found.selector;
        anchor = anchorOfField(selector.field);
      } else selector = sectionSelector(content, anchor);
    }

    const [created] = await tx
      .insert(caseComments)
      .values({ caseId: row.id, parentId, anchor, selector, body, version: row.version, authorId: user.id })
      .returning({ id: caseComments.id });

    // Who hears of it: a reviewer's (or admin's) comment goes to the lead region's submitters;
    // a submitter's to the claim holder and the reviewers who took part in the discussion.
    // The author of the comment replied to always hears, and the claim holder too.
    const recipients = new Set<string>();
    if (isLeadRegionSubmitter(user, info)) {
      const reviewerAuthors = await tx
        .selectDistinct({ id: caseComments.authorId })
        .from(caseComments)
        .innerJoin(userRoles, and(eq(userRoles.userId, caseComments.authorId), eq(userRoles.role, "reviewer")))
        .innerJoin(users, and(eq(users.id, caseComments.authorId), eq(users.active, true)))
        .where(eq(caseComments.caseId, row.id));
      for (const r of reviewerAuthors) recipients.add(r.id);
    } else {
      for (const s of await leadRegionSubmitters(tx, row.leadRegion)) recipients.add(s.id);
    }
    if (row.claimedBy) recipients.add(row.claimedBy);
    if (parentAuthor) recipients.add(parentAuthor);
    recipients.delete(user.id);
    // Composed per recipient, in their language (insertNotifications).
    const message = () => sentences.comment({
      actor: user.displayName,
      title: row.title,
      where: anchorPlace(anchor),
      quote: selector?.type === "quote" ? excerpt(selector.exact, 30) : null,
      excerpt: excerpt(body),
      kind: parentId !== null ? "reply" : "comment",
    });
    const kind = parentId !== null ? "comment.reply" : "comment.create";
    const emails = await insertNotifications(tx, [...recipients].map((userId) => ({ userId, kind, caseId: row.id, message })));

    await recordAudit(tx, auditActor, {
      action: "comment.create",
      entityType: "case",
      entityId: row.id,
      after: { commentId: created.id, parentId, anchor, version: row.version, body, ...(selector?.type === "quote" ? { quote: selector.exact } : {}) },
    });
    return { id: created.id, anchor, parentId, emails };
  });
  return { id: result.id, anchor: result.anchor, parentId: result.parentId };
}

/** Resolve (or reopen) a thread. Only roots carry the state; a concurrent double resolve is a 409. */
export async function setCommentResolved(user: SessionUser, auditActor: AuditActor, input: { caseId: string; commentId: number; resolved: boolean }) {
  await getDb().transaction(async (tx) => {
    const { row } = await lockCaseForComment(tx, user, input.caseId);
    const [comment] = await tx
      .select()
      .from(caseComments)
      .where(and(eq(caseComments.id, input.commentId), eq(caseComments.caseId, row.id)))
      .limit(1);
    if (!comment) throw new CommentError(t.commentNotFound, 404);
    if (comment.parentId !== null) throw new CommentError(t.onlyRootResolves, 400);
    const now = new Date();
    const changed = await tx
      .update(caseComments)
      .set(input.resolved ? { resolvedAt: now, resolvedBy: user.id } : { resolvedAt: null, resolvedBy: null })
      .where(and(eq(caseComments.id, comment.id), input.resolved ? isNull(caseComments.resolvedAt) : isNotNull(caseComments.resolvedAt)))
      .returning({ id: caseComments.id });
    if (changed.length === 0) throw new CommentError(input.resolved ? t.alreadyResolved : t.notResolved, 409);
    await recordAudit(tx, auditActor, {
      action: input.resolved ? "comment.resolve" : "comment.reopen",
      entityType: "case",
      entityId: row.id,
      after: { commentId: comment.id, anchor: comment.anchor },
    });
  });
}
