import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { userFormValues } from "~/admin/form-data.server";
import { listRegions } from "~/admin/reference.server";
import { resetPasswordSchema, updateUserSchema } from "~/admin/schemas";
import { adminStrings as t } from "~/admin/strings";
import { UserForm } from "~/admin/UserForm";
import { getUser, resetPassword, updateUser, UserAdminError } from "~/admin/users.server";
import { getDb } from "~/db/db.server";
import { actorOf, requirePermission } from "~/permissions/require.server";
import { Field, FormError, Notice } from "~/ui/components";
import { fieldErrors, readFormData, textField } from "~/ui/forms";
import { pageTitle } from "~/layout/title";
import { parseQuery, queryText } from "~/ui/query.server";
import { z } from "zod";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.user ? `${t.editUser}：${data.user.displayName}` : t.editUser, t.usersTitle);

/** Account ids are UUIDs; anything else (say, a NUL byte PostgreSQL would refuse) is no account. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadUserOr404(userId: string | undefined) {
  const user = userId && UUID.test(userId) ? await getUser(getDb(), userId) : null;
  if (!user) throw data({ message: t.userNotFound }, { status: 404 });
  return user;
}

/** `?reset` (after a password reset): a flag, its value unread. */
const userQuery = z.object({ reset: queryText(20) });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requirePermission(request, context, "user:manage:any");
  const user = await loadUserOr404(params.userId);
  return { user, regions: await listRegions(getDb()), reset: (parseQuery(request, userQuery), new URL(request.url).searchParams.has("reset")) };
}

type ActionResult = { intent: string; errors: Record<string, string>; values?: Record<string, unknown> };

/** intent=save edits the account; intent=reset-password sets a temporary password. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const admin = requirePermission(request, context, "user:manage:any");
  const user = await loadUserOr404(params.userId);
  const formData = await readFormData(request);
  if (!formData) return data<ActionResult>({ intent: "save", errors: { form: t.userNotFound } }, { status: 400 });
  const intent = textField(formData, "intent");
  const actor = actorOf(context, admin);
  try {
    if (intent === "reset-password") {
      const parsed = resetPasswordSchema.safeParse({ password: textField(formData, "password") });
      if (!parsed.success) return data<ActionResult>({ intent, errors: fieldErrors(parsed.error) }, { status: 400 });
      await resetPassword(actor, user.id, parsed.data.password);
      throw redirect(`/admin/users/${user.id}?reset=1`);
    }
    const values = userFormValues(formData);
    const parsed = updateUserSchema.safeParse(values);
    if (!parsed.success) return data<ActionResult>({ intent: "save", errors: fieldErrors(parsed.error), values }, { status: 400 });
    await updateUser(actor, user.id, parsed.data);
  } catch (error) {
    if (error instanceof UserAdminError) {
      return data<ActionResult>({ intent, errors: { [error.field ?? "form"]: error.message } }, { status: error.status });
    }
    throw error;
  }
  throw redirect("/admin/users?saved=1");
}

export default function EditUserPage() {
  const { user, regions, reset } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const saveErrors = actionData?.intent === "save" ? actionData.errors : {};
  const resetErrors = actionData?.intent === "reset-password" ? actionData.errors : {};
  const values = (actionData?.intent === "save" && actionData.values) || user;
  return (
    <section className="narrow">
      <h1>
        {t.editUser}：{user.username}
      </h1>
      {reset ? <Notice message={t.passwordReset} /> : null}
      <UserForm mode="edit" values={values as typeof user} errors={saveErrors} regions={regions} />
      <h2>{t.resetPassword}</h2>
      <p className="muted">{t.resetPasswordHint}</p>
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="intent" value="reset-password" />
        <FormError message={resetErrors.form} />
        <Field label={t.newPassword} name="password" type="password" autoComplete="new-password" error={resetErrors.password} />
        <button type="submit" className="button">
          {t.resetPassword}
        </button>
      </Form>
    </section>
  );
}
