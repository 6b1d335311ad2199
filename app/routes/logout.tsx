import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { recordAudit } from "~/audit/audit.server";
import { endSession } from "~/auth/session.server";
import { authStrings as t } from "~/auth/strings";
import { getDb } from "~/db/db.server";
import { actorOf } from "~/permissions/require.server";

/** GET shows a confirmation (logging out by GET would let any link sign a user out). */
export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.auth?.user) throw redirect("/login");
  return null;
}

/** Anyone may log out; the session ends on the server, not just in the browser. */
export async function action({ context }: ActionFunctionArgs) {
  const user = context.auth?.user;
  if (user) {
    await getDb().transaction(async (tx) => {
      await recordAudit(tx, actorOf(context, user), { action: "auth.logout", entityType: "user", entityId: user.id });
    });
  }
  const cookie = await endSession(context.auth?.sessionId ?? null);
  throw redirect("/login", { headers: { "Set-Cookie": cookie } });
}

export default function LogoutPage() {
  return (
    <section className="login-card">
      <h1>{t.logout}</h1>
      <p>{t.logoutConfirm}</p>
      <Form method="post">
        <button type="submit" className="button primary">
          {t.logout}
        </button>
      </Form>
    </section>
  );
}
