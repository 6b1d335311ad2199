/**
 * The lists of the case form: 导语 paragraphs, the items （一）（二）… of 主要做法 and 效果, and the
 * blocks of an item's body. Each item shows its review comments beside it (SectionComments).
 */
import { useFieldArray, type FieldArrayPath } from "react-hook-form";
import { CASE_LIMITS, itemNumber } from "~/cases/content";
import { formStrings as t } from "~/cases/form-strings";
import { fieldId, partId } from "../paths";
import { SectionComments, useOriginalIndex } from "../review/EditorReview";
import { emptyBlock, emptyItem, emptyRich, type BlockField, type CaseFormValues } from "../values";
import { BlockEditor } from "./blocks";
import { PartControls } from "./PartControls";
import { OpButton, RichTextField, SectionError, TextField, useEditor } from "./text";

type AP = FieldArrayPath<CaseFormValues>;

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
          <PartControls listPath="intro" index={i} count={fields.length} what={t.introParagraph(i + 1)} part={t.parts.intro} min={1} move={move} remove={remove} />
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
  const originalIndex = useOriginalIndex(fields);
  const part = name === "practices.items" ? t.parts.practice : t.parts.effect;
  return (
    <div id={partId(name)}>
      <ol className="case-form__items">
        {fields.map((field, i) => {
          const where = `${section}${itemNumber(i + 1)}`;
          const path = `${name}.${i}`;
          const origin = originalIndex(field.id);
          return (
            <li key={field.id} className="case-form__item" id={partId(path)} aria-label={where}>
              <span id={`${partId(path)}-heading`} tabIndex={-1} />
              <div className="case-form__item-header">
                <span className="case-form__item-where">{where}</span>
                <PartControls listPath={name} index={i} count={fields.length} what={where} part={part} level="item" min={1} move={move} remove={remove} />
              </div>
              <SectionComments anchor={origin === null ? null : `${name}.${origin}`} />
              <TextField
                name={`${path}.heading`}
                context={section}
                number={itemNumber(i + 1)}
                label={t.itemHeadingLabel}
                max={CASE_LIMITS.headingMax}
                hint={t.itemHeadingHint}
              />
              <BlockList name={`${path}.body`} where={where} />
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
          <BlockEditor name={`${name}.${j}`} label={t.blockParagraph(where, j + 1)} />
          <PartControls listPath={name} index={j} count={fields.length} what={t.blockParagraph(where, j + 1)} part={t.parts.block} min={1} move={move} remove={remove} />
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
