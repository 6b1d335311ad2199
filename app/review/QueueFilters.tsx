import { Form } from "@remix-run/react";
import { FilterSelect } from "~/ui/components";
import { CASE_STATE_LABELS, type CaseState } from "#workflows/case-review";
import { reviewStrings as t } from "./strings";

type Option = { code: string; name: string };

/** The review queue's filter form, shared by /review and /admin/cases (which offers every state but drafts). */
export function QueueFilters(props: {
  filter: { state: string | null; region: string | null; category: string | null; mine: boolean };
  states: readonly CaseState[];
  regions: readonly Option[];
  categories: readonly Option[];
}) {
  const { filter } = props;
  return (
    <Form method="get" className="filters">
      <FilterSelect
        label={t.queueState}
        name="state"
        defaultValue={filter.state}
        allLabel={t.queueAll}
        options={[...props.states.map((s) => ({ value: s, label: CASE_STATE_LABELS[s] })), { value: "resubmitted", label: t.queueResubmitted }]}
      />
      <FilterSelect label={t.queueRegion} name="region" defaultValue={filter.region} allLabel={t.queueAll} options={props.regions.map((r) => ({ value: r.code, label: r.name }))} />
      <FilterSelect
        label={t.queueCategory}
        name="category"
        defaultValue={filter.category}
        allLabel={t.queueAll}
        options={props.categories.map((c) => ({ value: c.code, label: c.name }))}
      />
      <label className="checkbox">
        <input type="checkbox" name="mine" value="1" defaultChecked={filter.mine} />
        {t.queueMine}
      </label>
      <button type="submit" className="button">
        {t.queueFilter}
      </button>
    </Form>
  );
}
