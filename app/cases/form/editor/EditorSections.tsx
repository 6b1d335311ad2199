/**
 * The sections of the case form, in the bulletin's order (numbering shown, never typed), each
 * with its review comments beside it.
 */
import { CASE_LIMITS, EFFECTS_HEADINGS, NEXT_STEPS_HEADINGS, sectionNumber } from "~/cases/content";
import { formStrings as t } from "~/cases/form-strings";
import { CategorySelect, RegionFields, SectionTitle } from "../BasicsFields";
import { HeadingChoice, IntroList, ItemList, NextStepsEditor, RichTextField, TextField } from "../fields";
import type { EditorOptions } from "../reply";
import { SectionComments } from "../review/EditorReview";

export function EditorSections({ options }: { options: EditorOptions }) {
  return (
    <>
      <fieldset className="case-form__section">
        <legend>{t.basics}</legend>
        <TextField name="title" label={t.title} max={CASE_LIMITS.titleMax} hint={t.titleHint} />
        <CategorySelect options={options} />
        <RegionFields options={options} />
      </fieldset>

      <fieldset className="case-form__section">
        <legend>{t.intro}</legend>
        <SectionComments anchor="intro" />
        <p className="field-hint">{t.introHint}</p>
        <IntroList />
      </fieldset>

      <fieldset className="case-form__section">
        <legend>
          <span className="case-form__number">{sectionNumber(1)}</span>
          {t.practices}
        </legend>
        <SectionComments anchor="practices.lead" />
        <RichTextField name="practices.lead" label={t.practicesLead} hint={t.practicesLeadHint} rows={3} />
        <ItemList name="practices.items" section={t.practices} addLabel={t.addPractice} max={CASE_LIMITS.practiceItemsMax} />
      </fieldset>

      <fieldset className="case-form__section">
        <legend>
          <span className="case-form__number">{sectionNumber(2)}</span>
          <SectionTitle name="effects.heading" fallback={t.effects} />
        </legend>
        <HeadingChoice name="effects.heading" options={EFFECTS_HEADINGS} legend={t.effectsHeading} />
        <ItemList name="effects.items" section={t.effects} addLabel={t.addEffect} max={CASE_LIMITS.effectItemsMax} />
      </fieldset>

      <fieldset className="case-form__section">
        <legend>
          <span className="case-form__number">{sectionNumber(3)}</span>
          <SectionTitle name="nextSteps.heading" fallback={t.nextSteps} />
        </legend>
        <SectionComments anchor="nextSteps" />
        <HeadingChoice name="nextSteps.heading" options={NEXT_STEPS_HEADINGS} legend={t.nextStepsHeading} />
        <NextStepsEditor />
      </fieldset>
    </>
  );
}
