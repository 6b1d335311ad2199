import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { sendDueReminders } from "~/calls/reminders.server";
import { serverNow, setTestClock, testClockEnabled } from "~/clock.server";
import { getDb } from "~/db/db.server";
import { notFound } from "~/permissions/require.server";
import { readFormData, textField } from "~/ui/forms";

/**
 * Test-only (PILOT_TEST_CLOCK=1, set by the e2e server): POST at=<ISO time> moves the server's
 * clock there and runs the call reminders at that moment, as the scheduler would. 404 otherwise.
 */
export function loader(_: LoaderFunctionArgs) {
  if (!testClockEnabled()) notFound();
  return { now: serverNow().toISOString() };
}

export async function action({ request }: ActionFunctionArgs) {
  if (!testClockEnabled()) notFound();
  const formData = await readFormData(request);
  const at = new Date(formData ? textField(formData, "at") : "");
  if (Number.isNaN(at.getTime())) return data({ message: "at 应为 ISO 时间。" }, { status: 400 });
  setTestClock(at);
  const sent = await sendDueReminders(getDb(), serverNow());
  return { now: serverNow().toISOString(), reminders: sent.map((r) => ({ callId: r.callId, region: r.regionCode })) };
}
