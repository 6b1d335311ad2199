import { CASE_STATE_LABELS, isCaseState } from "#workflows/case-review";
import { formatDateTime } from "~/ui/format";
import { reviewStrings as t } from "./strings";

type Row = { state: string; resubmitted: boolean; regionName: string; categoryName: string; submittedAt: string | Date | null };

/** The header cells the review queue and /admin/cases share (state, region, category, submitted). */
export function QueueHeaderCells() {
  return (
    <>
      <th>{t.queueState}</th>
      <th>{t.queueRegion}</th>
      <th>{t.queueCategory}</th>
      <th>{t.queueSubmitted}</th>
    </>
  );
}

/** Their cells for one case, labelled for the stacked rows of a phone. */
export function QueueCells({ row }: { row: Row }) {
  return (
    <>
      <td data-label={t.queueState} data-testid="queue-state">
        {row.resubmitted ? <strong>{t.queueResubmitted}</strong> : isCaseState(row.state) ? CASE_STATE_LABELS[row.state] : row.state}
      </td>
      <td data-label={t.queueRegion}>{row.regionName}</td>
      <td data-label={t.queueCategory}>{row.categoryName}</td>
      <td data-label={t.queueSubmitted}>{row.submittedAt ? formatDateTime(row.submittedAt, "date") : "—"}</td>
    </>
  );
}
