/**
 * Who sees and writes the review side of a case (comments, version history, diff). Pure.
 *
 * Decisions:
 * - Review details are internal: reviewers, publishers and admins see them on every case they may
 *   read; submitters only on cases of their own regions (lead or participating). A Shanghai
 *   submitter reading a published Beijing case sees the case, not its review discussion.
 * - Writing (comment, reply, resolve, reopen) is for reviewers and the lead region's submitters
 *   holding `case:comment:any`, and for admins (the brief names them; their role has no comment
 *   permission, so the role is checked). Participating regions read the discussion but answer
 *   through the lead region.
 */
import { hasPermission } from "~/permissions/permissions";
import { canRead, isLeadRegionSubmitter, type CaseWorkflowInfo, type WorkflowActor } from "#workflows/case-review";

type Viewer = WorkflowActor & { permissions: readonly string[] };

export function canSeeReview(user: Viewer, info: Pick<CaseWorkflowInfo, "state" | "leadRegion">, participatingRegions: readonly string[]): boolean {
  if (!canRead(user, info, participatingRegions)) return false;
  if (user.roles.some((r) => r === "reviewer" || r === "publisher" || r === "admin")) return true;
  return user.roles.includes("submitter") && [info.leadRegion, ...participatingRegions].some((r) => user.regions.includes(r));
}

export function canComment(user: Viewer, info: Pick<CaseWorkflowInfo, "state" | "leadRegion">, participatingRegions: readonly string[]): boolean {
  if (!canSeeReview(user, info, participatingRegions)) return false;
  if (user.roles.includes("admin")) return true;
  if (!hasPermission(user, "case:comment:any")) return false;
  return user.roles.includes("reviewer") || isLeadRegionSubmitter(user, info);
}
