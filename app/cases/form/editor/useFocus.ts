/** Keyboard focus after the form changes: on a given element, or on the first field with an error. */
import { useCallback } from "react";

const FIELD = "input:not([type=hidden]), textarea, select";
const FOCUSABLE = `${FIELD}, button, a[href], [tabindex]:not([tabindex="-1"])`;

export function useFocus(formRef: React.RefObject<HTMLFormElement>) {
  const focusLater = useCallback((id: string) => {
    requestAnimationFrame(() => {
      const found = document.getElementById(id);
      // A container (a part after 删除, the adders): its first field, so the keyboard lands on
      // something visible and usable rather than on an empty box.
      const el = found && !found.matches(FOCUSABLE) ? (found.querySelector<HTMLElement>(FIELD) ?? found.querySelector<HTMLElement>(FOCUSABLE) ?? found) : found;
      if (el) {
        el.focus();
        el.scrollIntoView?.({ block: "nearest" });
      }
    });
  }, []);
  const focusFirstError = useCallback(() => {
    setTimeout(() => {
      const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-error-for]');
      if (el) {
        el.focus();
        el.scrollIntoView?.({ block: "center" });
      }
    }, 30);
  }, [formRef]);
  return { focusLater, focusFirstError };
}
