/** Keyboard focus after the form changes: on a given element, or on the first field with an error. */
import { useCallback } from "react";

export function useFocus(formRef: React.RefObject<HTMLFormElement>) {
  const focusLater = useCallback((id: string) => {
    requestAnimationFrame(() => {
      const el = document.getElementById(id);
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
