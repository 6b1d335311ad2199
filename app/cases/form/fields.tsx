/**
 * The pieces of the case form. Every input is registered with react-hook-form AND rendered with
 * its value as `defaultValue`, so the server-rendered page (no JavaScript) shows and posts the
 * same fields. Buttons that change the structure (add, remove, move, switch type) are submit
 * buttons named `intent` with an `op:` value: without JavaScript the server re-renders the form
 * with the change; with JavaScript their click handler does it in the browser instead.
 */
import { createContext, useContext, type ReactNode } from "react";
import { useFieldArray, useFormContext, useWatch, type FieldArrayPath, type FieldPath } from "react-hook-form";
import { CASE_LIMITS, CASE_STRINGS, countChars, itemNumber, pointNumber } from "~/cases/content";
import { formStrings as t } from "~/cases/form-strings";
import type { FlatErrors } from "./draft-schema";
import { fieldId, partId } from "./paths";
import { emptyBlock, emptyItem, emptyPoint, emptyRich, opValue, type BlockField, type CaseFormValues, type StructureOp } from "./values";

type P = FieldPath<CaseFormValues>;
type AP = FieldArrayPath<CaseFormValues>;

export type EditorContextValue = {
  errors: FlatErrors;
  /** Called after a structure change made in the browser (autosave, local copy). */
  changed: () => void;
  /** Focus an element by id once React has rendered. */
  focusLater: (id: string) => void;
};

export const EditorContext = createContext<EditorContextValue>({ errors: {}, changed: () => {}, focusLater: () => {} });
const useEditor = () => useContext(EditorContext);

/** The first error at `path` or at one of the extra paths. */
function useError(...paths: string[]): string | undefined {
  const { errors } = useEditor();
  for (const p of paths) if (errors[p]) return errors[p];
  return undefined;
}

export function Counter({ name, max, id }: { name: string; max: number; id?: string }) {
  const value = useWatch({ name: name as P }) as unknown;
  const n = countChars(typeof value === "string" ? value.trim() : "");
  return (
    <span id={id} className={`case-form__counter${n > max ? " is-over" : ""}`}>
      {t.counter(n, max)}
    </span>
  );
}

export function ErrorText({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

/** A single-line or multi-line text field with label, counter, hint and inline error. */
export function TextField(props: {
  name: string;
  label: ReactNode;
  max: number;
  multiline?: boolean;
  hint?: string;
  number?: string;
  /** Read by screen readers before the number: where in the case the field is. */
  context?: string;
  errorPaths?: string[];
  rows?: number;
}) {
  const { register, getValues } = useFormContext<CaseFormValues>();
  const error = useError(props.name, ...(props.errorPaths ?? []));
  const id = fieldId(props.name);
  const describedBy = [error ? `${id}-error` : null, props.hint ? `${id}-hint` : null, `${id}-count`].filter(Boolean).join(" ");
  const common = {
    id,
    ...register(props.name as P),
    defaultValue: (getValues(props.name as P) as string | undefined) ?? "",
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    // the full name of the place in the case ("主要做法（二）标题"), where the visible label is short
    "aria-label": props.context || props.number ? `${props.context ?? ""}${props.number ?? ""}${typeof props.label === "string" ? props.label : ""}` : undefined,
  };
  return (
    <div className={`field case-form__field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {props.number ? <span className="case-form__number">{props.number}</span> : null}
        {props.label}
      </label>
      {props.multiline ? <textarea rows={props.rows ?? 4} {...common} /> : <input type="text" {...common} />}
      <div className="case-form__meta">
        {props.hint ? (
          <span className="field-hint" id={`${id}-hint`}>
            {props.hint}
          </span>
        ) : (
          <span />
        )}
        <Counter name={props.name} max={props.max} id={`${id}-count`} />
      </div>
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

/** A paragraph of rich text: the textarea, and the hidden bold marks it was loaded with. */
export function RichTextField(props: { name: string; label: ReactNode; hint?: string; number?: string; context?: string; rows?: number }) {
  const { register, getValues } = useFormContext<CaseFormValues>();
  return (
    <>
      <TextField
        name={`${props.name}.text`}
        label={props.label}
        max={CASE_LIMITS.paragraphMax}
        multiline
        hint={props.hint}
        number={props.number}
        context={props.context}
        rows={props.rows}
        errorPaths={[props.name, `${props.name}.marks`]}
      />
      <input type="hidden" {...register(`${props.name}.marks` as P)} defaultValue={(getValues(`${props.name}.marks` as P) as string | undefined) ?? ""} />
    </>
  );
}

/** A submit button carrying a structure operation; with JavaScript, `onAct` does it instead. */
export function OpButton(props: { op: StructureOp; onAct: () => void; label: string; children: ReactNode; id?: string; className?: string; disabled?: boolean }) {
  return (
    <button
      type="submit"
      name="intent"
      value={opValue(props.op)}
      formNoValidate
      id={props.id}
      aria-label={props.label}
      disabled={props.disabled}
      className={props.className ?? "button small"}
      onClick={(event) => {
        event.preventDefault();
        props.onAct();
      }}
    >
      {props.children}
    </button>
  );
}

/** 上移 / 下移 / 删除 for element `index` of the list at `listPath`. */
function PartControls(props: {
  listPath: string;
  index: number;
  count: number;
  what: string;
  min: number;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
}) {
  const { listPath, index, count, what } = props;
  const { changed, focusLater } = useEditor();
  const path = `${listPath}.${index}`;
  const buttonId = (i: number, dir: "up" | "down") => `${partId(`${listPath}.${i}`)}-${dir}`;
  const move = (dir: "up" | "down") => {
    const to = dir === "up" ? index - 1 : index + 1;
    props.move(index, to);
    changed();
    // keep the keyboard where it was: on the moved part's button (the other one at the ends)
    const edge = dir === "up" ? to === 0 : to === count - 1;
    focusLater(buttonId(to, edge ? (dir === "up" ? "down" : "up") : dir));
  };
  return (
    <div className="case-form__controls" role="group" aria-label={`${what}的操作`}>
      <OpButton op={{ verb: "up", path }} onAct={() => move("up")} label={t.moveUpLabel(what)} id={buttonId(index, "up")} disabled={index === 0}>
        ↑ {t.moveUp}
      </OpButton>
      <OpButton op={{ verb: "down", path }} onAct={() => move("down")} label={t.moveDownLabel(what)} id={buttonId(index, "down")} disabled={index === count - 1}>
        ↓ {t.moveDown}
      </OpButton>
      {count > props.min ? (
        <OpButton
          op={{ verb: "remove", path }}
          onAct={() => {
            props.remove(index);
            changed();
            focusLater(count > 1 ? `${partId(`${listPath}.${Math.max(0, index - 1)}`)}-heading` : `${partId(listPath)}-add`);
          }}
          label={t.removeLabel(what)}
          className="button small danger"
        >
          {t.remove}
        </OpButton>
      ) : null}
    </div>
  );
}

function SectionError({ path }: { path: string }) {
  const error = useError(path);
  return error ? (
    <p className="field-error case-form__section-error" id={`${fieldId(path)}-error`} data-error-for={path} tabIndex={-1}>
      {error}
    </p>
  ) : null;
}

// ---------------------------------------------------------------------------------------------
// 导语

export function IntroList() {
  const { fields, append, remove, move } = useFieldArray<CaseFormValues, "intro">({ name: "intro" });
  const { changed, focusLater } = useEditor();
  return (
    <div id={partId("intro")}>
      {fields.map((field, i) => (
        <div key={field.id} className="case-form__part" id={partId(`intro.${i}`)}>
          <span id={`${partId(`intro.${i}`)}-heading`} tabIndex={-1} />
          <RichTextField name={`intro.${i}`} label={t.introParagraph(i + 1)} rows={5} />
          <PartControls listPath="intro" index={i} count={fields.length} what={t.introParagraph(i + 1)} min={1} move={move} remove={remove} />
        </div>
      ))}
      <SectionError path="intro" />
      {fields.length < CASE_LIMITS.introParagraphsMax ? (
        <OpButton
          op={{ verb: "add", path: "intro" }}
          id={`${partId("intro")}-add`}
          label={t.addIntro}
          onAct={() => {
            append(emptyRich(), { shouldFocus: false });
            changed();
            focusLater(fieldId(`intro.${fields.length}.text`));
          }}
        >
          ＋ {t.addIntro}
        </OpButton>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Items （一）（二）… of 主要做法 and 效果

export function ItemList({ name, section, addLabel, max }: { name: "practices.items" | "effects.items"; section: string; addLabel: string; max: number }) {
  const { fields, append, remove, move } = useFieldArray<CaseFormValues, typeof name>({ name });
  const { changed, focusLater } = useEditor();
  return (
    <div id={partId(name)}>
      <ol className="case-form__items">
        {fields.map((field, i) => {
          const where = `${section}${itemNumber(i + 1)}`;
          const path = `${name}.${i}`;
          return (
            <li key={field.id} className="case-form__item" id={partId(path)} aria-label={where}>
              <span id={`${partId(path)}-heading`} tabIndex={-1} />
              <TextField
                name={`${path}.heading`}
                context={section}
                number={itemNumber(i + 1)}
                label="标题"
                max={CASE_LIMITS.headingMax}
                hint={t.itemHeadingHint}
              />
              <BlockList name={`${path}.body`} where={where} />
              <PartControls listPath={name} index={i} count={fields.length} what={where} min={1} move={move} remove={remove} />
            </li>
          );
        })}
      </ol>
      <SectionError path={name} />
      {fields.length < max ? (
        <OpButton
          op={{ verb: "add", path: name }}
          id={`${partId(name)}-add`}
          label={addLabel}
          onAct={() => {
            append(emptyItem(), { shouldFocus: false });
            changed();
            focusLater(fieldId(`${name}.${fields.length}.heading`));
          }}
        >
          ＋ {addLabel}
        </OpButton>
      ) : null}
    </div>
  );
}

/** The body of an item: paragraphs and points blocks. */
function BlockList({ name, where }: { name: string; where: string }) {
  const { fields, append, remove, move } = useFieldArray<CaseFormValues>({ name: name as AP });
  const { changed, focusLater } = useEditor();
  const add = (type: BlockField["type"]) => {
    append(emptyBlock(type) as never, { shouldFocus: false });
    changed();
    focusLater(fieldId(type === "paragraph" ? `${name}.${fields.length}.text.text` : `${name}.${fields.length}.points.0.lead`));
  };
  return (
    <div className="case-form__blocks" id={partId(name)}>
      {fields.map((field, j) => (
        <div key={field.id} className="case-form__block" id={partId(`${name}.${j}`)}>
          <span id={`${partId(`${name}.${j}`)}-heading`} tabIndex={-1} />
          <BlockEditor name={`${name}.${j}`} label={`${where}第 ${j + 1} 段`} />
          <PartControls listPath={name} index={j} count={fields.length} what={`${where}第 ${j + 1} 段`} min={1} move={move} remove={remove} />
        </div>
      ))}
      <SectionError path={name} />
      {fields.length < CASE_LIMITS.blocksPerItemMax ? (
        <div className="case-form__adders" id={`${partId(name)}-add`} tabIndex={-1}>
          <OpButton op={{ verb: "add", path: name, arg: "paragraph" }} label={`${where}${t.addParagraph}`} onAct={() => add("paragraph")}>
            ＋ {t.addParagraph}
          </OpButton>
          <OpButton op={{ verb: "add", path: name, arg: "points" }} label={`${where}${t.addPoints}`} onAct={() => add("points")}>
            ＋ {t.addPoints}
          </OpButton>
        </div>
      ) : null}
    </div>
  );
}

/** Switches a block (or 下一步) between one paragraph and numbered points. */
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

function BlockEditor({ name, label }: { name: string; label: string }) {
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
          <TextField name={`${name}.lead`} label={t.paragraphLead} context={label} max={CASE_LIMITS.leadPhraseMax} hint="加粗显示，末尾自动加句号。" />
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
              <TextField name={`${path}.lead`} context={context} number={n} label={t.pointLead("")} max={CASE_LIMITS.leadPhraseMax} hint="加粗显示，末尾自动加句号。" />
              <RichTextField name={`${path}.text`} context={context} label={t.pointText(n)} rows={3} />
              <PartControls listPath={name} index={k} count={fields.length} what={`${context}${n}`} min={CASE_LIMITS.pointsMin} move={move} remove={remove} />
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
          <RichTextField name="nextSteps.intro" label={CASE_STRINGS.labels.pointsIntro + "（可选）"} context={t.nextSteps} rows={2} />
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

export { SectionError, emptyItem };
