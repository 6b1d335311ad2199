import { useMemo } from "react";
import { useWatch } from "react-hook-form";
import { valuesToContent, type CaseFormValues } from "~/cases/form/values";
import { ChecksPanel } from "./AidsPanels";
import { caseFigures } from "./figures";
import { styleFindings } from "./style";

/** The editor's checks panel, recomputed from what is typed (pure checks, no request; nothing blocks saving). */
export function EditorChecks() {
  const values = useWatch() as CaseFormValues;
  const aids = useMemo(() => {
    const content = valuesToContent(values);
    return { findings: styleFindings(content), figures: caseFigures(content, new Date()) };
  }, [values]);
  return <ChecksPanel aids={aids} />;
}
