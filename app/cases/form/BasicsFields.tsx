/** The basic fields of the case form (category, regions) and the section titles that follow the chosen heading. */
import { useContext } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { formStrings as t } from "~/cases/form-strings";
import { EditorContext } from "./fields";
import { fieldId } from "./paths";
import type { EditorOptions } from "./reply";
import type { CaseFormValues } from "./values";

export function SectionTitle({ name, fallback }: { name: "effects.heading" | "nextSteps.heading"; fallback: string }) {
  const value = useWatch({ name }) as string | undefined;
  return <>{value || fallback}</>;
}

export function CategorySelect({ options }: { options: EditorOptions }) {
  const { register, getValues } = useFormContext<CaseFormValues>();
  const { errors } = useEditorErrors();
  const error = errors.category;
  return (
    <div className={`field case-form__field${error ? " field-invalid" : ""}`}>
      <label htmlFor={fieldId("category")}>{t.category}</label>
      <select
        id={fieldId("category")}
        {...register("category")}
        defaultValue={getValues("category")}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId("category")}-error` : undefined}
      >
        <option value="">{t.chooseCategory}</option>
        {options.categories.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
            {c.active ? "" : t.inactive}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={`${fieldId("category")}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function RegionFields({ options }: { options: EditorOptions }) {
  const { register, getValues, setValue } = useFormContext<CaseFormValues>();
  const { errors } = useEditorErrors();
  const lead = (useWatch({ name: "leadRegion" }) as string | undefined) ?? "";
  // Checkboxes are controlled (not registered): react-hook-form's reset() does not re-check a
  // registered checkbox group reliably (paste to fill, restoring a copy, loading the server version).
  const selected = ((useWatch({ name: "regions" }) as string[] | undefined) ?? []).filter(Boolean);
  const leadError = errors.leadRegion;
  const regionsError = errors.regions ?? Object.entries(errors).find(([k]) => k.startsWith("regions."))?.[1];
  const toggle = (code: string, on: boolean) => {
    const current = (getValues("regions") ?? []).filter((r) => r !== code);
    setValue("regions", on ? [...current, code] : current, { shouldDirty: true });
  };
  return (
    <>
      <div className={`field case-form__field${leadError ? " field-invalid" : ""}`}>
        <label htmlFor={fieldId("leadRegion")}>{t.leadRegion}</label>
        <select
          id={fieldId("leadRegion")}
          {...register("leadRegion")}
          defaultValue={getValues("leadRegion")}
          aria-invalid={leadError ? true : undefined}
          aria-describedby={`${fieldId("leadRegion")}-hint`}
        >
          {options.ownRegions.length === 0 ? <option value="">—</option> : null}
          {options.ownRegions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
        <span className="field-hint" id={`${fieldId("leadRegion")}-hint`}>
          {t.leadRegionHint}
        </span>
        {leadError ? <p className="field-error">{leadError}</p> : null}
      </div>
      <fieldset className={`case-form__choice${regionsError ? " field-invalid" : ""}`} id={fieldId("regions")}>
        <legend>{t.regions}</legend>
        <p className="field-hint">{t.regionsHint}</p>
        <div className="checkbox-grid">
          {options.regions
            .filter((r) => r.code !== lead && (r.active || selected.includes(r.code)))
            .map((r) => (
              <label key={r.code} className="checkbox">
                <input
                  type="checkbox"
                  name="regions"
                  value={r.code}
                  checked={selected.includes(r.code)}
                  onChange={(e) => toggle(r.code, e.target.checked)}
                  aria-invalid={regionsError ? true : undefined}
                />
                {r.name}
                {r.active ? "" : t.inactive}
              </label>
            ))}
        </div>
        {regionsError ? <p className="field-error">{regionsError}</p> : null}
      </fieldset>
    </>
  );
}

function useEditorErrors() {
  return useContext(EditorContext);
}
