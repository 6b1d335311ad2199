/** Leaving with unsaved changes asks first: beforeunload for the browser, useBlocker for the app's links. */
import { useBlocker } from "@remix-run/react";
import { useCallback, useEffect } from "react";

export function useLeaveGuard(opts: { isDirty: () => boolean; writeLocal: () => void; allowLeaveRef: React.MutableRefObject<boolean> }) {
  const { isDirty, writeLocal, allowLeaveRef } = opts;
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (allowLeaveRef.current || !isDirty()) return;
      writeLocal();
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [isDirty, writeLocal, allowLeaveRef]);
  return useBlocker(
    useCallback(
      ({ currentLocation, nextLocation }: { currentLocation: { pathname: string }; nextLocation: { pathname: string } }) =>
        !allowLeaveRef.current && currentLocation.pathname !== nextLocation.pathname && isDirty(),
      [isDirty, allowLeaveRef],
    ),
  );
}
