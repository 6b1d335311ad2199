/**
 * The blocks of the case form: a paragraph or numbered points (一是、二是…), their layout, the
 * 下一步 section, and the radio groups of section headings chosen from the template.
 */
import { useFieldArray, useFormContext, useWatch, type FieldArrayPath, type FieldPath } from "react-hook-form";
import { CASE_LIMITS, CASE_STRINGS, pointNumber } from "~/cases/content";
import { formStrings as t } from "~/cases/form-strings";
import { fieldId, partId } from "../paths";
import { emptyPoint, type CaseFormValues } from "../values";
import { PartControls } from "./PartControls";
import { ErrorText, OpButton, RichTextField, SectionError, TextField, useEditor, useError } from "./text";
import { uiStrings } from "~/ui/strings";

type P = FieldPath<CaseFormValues>;
type AP = FieldArrayPath<CaseFormValues>;

function TypeSwitch({ path, field, current, label, op }: { path: string; field: "type" | "kind"; current: string; label: string; op: "type" | "kind" }) {
  const { setValue, getValues } = useFormContext<CaseFormValues>();
  const { changed, focusLater } = useEditor();
  const target = current === "points" ? "paragraph" : "points";
  return (
    <OpButton
      op={{ verb: op, path, arg: target }}
      label={`${label}：${target === "points" ? t.toPoints : t.toParagraph}`}
      className="button small"
      onAct={() => {
        const points = (getValues(`${path}.points` as P) as unknown[] | undefined) ?? [];
        if (target === "points" && points.length < 2) setValue(`${path}.points` as P, [...points, emptyPoint(), emptyPoint()].slice(0, 2) as never);
        setValue(`${path}.${field}` as P, target as never, { shouldDirty: true });
        changed();
        focusLater(fieldId(target === "points" ? `${path}.points.0.lead` : `${path}.text.text`));
      }}
    >
      {target === "points" ? t.toPoints : t.toParagraph}
    </OpButton>
  );
}

function LayoutSelect({ path, context }: { path: string; context: string }) {
  const { register, getValues } = useFormContext<CaseFormValues>();
  const name = `${path}.layout`;
  const error = useError(name);
  return (
    <div className={`field case-form__field${error ? " field-invalid" : ""}`}>
      <label htmlFor={fieldId(name)}>{t.pointsLayout}</label>
      <select id={fieldId(name)} aria-label={`${context}${t.pointsLayout}`} {...register(name as P)} defaultValue={(getValues(name as P) as string) || "list"} aria-invalid={error ? true : undefined}>
        <option value="list">{CASE_STRINGS.labels.layoutList}</option>
        <option value="inline">{CASE_STRINGS.labels.layoutInline}</option>
      </select>
      <ErrorText id={`${fieldId(name)}-error`} message={error} />
    </div>
  );
}

export function BlockEditor({ name, label }: { name: string; label: string }) {
  const { register, getValues } = useFormContext<CaseFormValues>();
  const type = (useWatch({ name: `${name}.type` as P }) as string | undefined) ?? "paragraph";
  return (
    <fieldset className="case-form__block-fields">
      <legend>{type === "points" ? `${label}（${CASE_STRINGS.labels.points}）` : label}</legend>
      <input type="hidden" {...register(`${name}.type` as P)} defaultValue={(getValues(`${name}.type` as P) as string) ?? "paragraph"} />
      {type === "points" ? (
        <>
          <LayoutSelect path={name} context={label} />
          <RichTextField name={`${name}.intro`} label={t.pointsIntro} context={label} rows={2} />
          <PointsEditor name={`${name}.points`} context={label} />
        </>
      ) : (
        <>
          <TextField name={`${name}.lead`} label={t.paragraphLead} context={label} max={CASE_LIMITS.leadPhraseMax} hint={uiStrings.leadHint} />
          <RichTextField name={`${name}.text`} label={t.paragraphText} context={label} rows={5} />
        </>
      )}
      <TypeSwitch path={name} field="type" op="type" current={type} label={label} />
    </fieldset>
  );
}

/** Points 一是/二是…: a bold lead phrase and the text of each point. */
export function PointsEditor({ name, context }: { name: string; context: string }) {
  const { fields, append, remove, move } = useFieldArray<CaseFormValues>({ name: name as AP });
  const { changed, focusLater } = useEditor();
  return (
    <div className="case-form__points" id={partId(name)}>
      <ol className="case-form__point-list">
        {fields.map((field, k) => {
          const n = pointNumber(k + 1);
          const path = `${name}.${k}`;
          return (
            <li key={field.id} className="case-form__point" id={partId(path)}>
              <span id={`${partId(path)}-heading`} tabIndex={-1} />
              <TextField name={`${path}.lead`} context={context} number={n} label={t.pointLead("")} max={CASE_LIMITS.leadPhraseMax} hint={uiStrings.leadHint} />
              <RichTextField name={`${path}.text`} context={context} label={t.pointText(n)} rows={3} />
              <PartControls listPath={name} index={k} count={fields.length} what={`${context}${n}`} part={t.parts.point} min={CASE_LIMITS.pointsMin} move={move} remove={remove} />
            </li>
          );
        })}
      </ol>
      <SectionError path={name} />
      {fields.length < CASE_LIMITS.pointsMax ? (
        <OpButton
          op={{ verb: "add", path: name }}
          id={`${partId(name)}-add`}
          label={`${context}${t.addPoint}`}
          onAct={() => {
            append(emptyPoint() as never, { shouldFocus: false });
            changed();
            focusLater(fieldId(`${name}.${fields.length}.lead`));
          }}
        >
          ＋ {t.addPoint}
        </OpButton>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// 下一步

export function NextStepsEditor() {
  const { register, getValues } = useFormContext<CaseFormValues>();
  const kind = (useWatch({ name: "nextSteps.kind" }) as string | undefined) ?? "paragraph";
  return (
    <div id={partId("nextSteps")}>
      <input type="hidden" {...register("nextSteps.kind")} defaultValue={getValues("nextSteps.kind") ?? "paragraph"} />
      {kind === "points" ? (
        <>
          <LayoutSelect path="nextSteps" context={t.nextSteps} />
          <RichTextField name="nextSteps.intro" label={uiStrings.optional(CASE_STRINGS.labels.pointsIntro)} context={t.nextSteps} rows={2} />
          <PointsEditor name="nextSteps.points" context={t.nextSteps} />
        </>
      ) : (
        <RichTextField name="nextSteps.text" label={t.nextStepsText} rows={6} />
      )}
      <SectionError path="nextSteps" />
      <TypeSwitch path="nextSteps" field="kind" op="kind" current={kind} label={t.nextSteps} />
    </div>
  );
}

/**
 * A radio group for a section heading chosen from the template. Controlled rather than registered,
 * like the region checkboxes: react-hook-form's reset() does not re-check registered radios reliably.
 */
export function HeadingChoice({ name, options, legend }: { name: "effects.heading" | "nextSteps.heading"; options: readonly string[]; legend: string }) {
  const { setValue } = useFormContext<CaseFormValues>();
  const error = useError(name);
  const current = useWatch({ name }) as string | undefined;
  return (
    <fieldset className={`case-form__choice${error ? " field-invalid" : ""}`} id={fieldId(name)}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="checkbox">
          <input
            type="radio"
            name={name}
            value={o}
            checked={current === o}
            onChange={() => setValue(name, o, { shouldDirty: true })}
            aria-invalid={error ? true : undefined}
          />{" "}
          {o}
        </label>
      ))}
      <ErrorText id={`${fieldId(name)}-error`} message={error} />
    </fieldset>
  );
}

