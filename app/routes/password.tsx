import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { changeOwnPassword, changePasswordSchema } from "~/auth/change-password.server";
import { authStrings as t } from "~/auth/strings";
import { actorOf, requireUser } from "~/permissions/require.server";
import { Field, FormError, Notice } from "~/ui/components";
import { fieldErrors, readFormData, textField } from "~/ui/forms";
import { pageTitle } from "~/layout/title";
import { parseQuery, queryText } from "~/ui/query.server";
import { z } from "zod";

export const meta: MetaFunction = () => pageTitle(t.changePasswordTitle);

/** `?changed` (after a change): a flag, its value unread. */
const passwordQuery = z.object({ changed: queryText(20) });

/** Any signed-in user, including one who must change the password before anything else. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return { mustChange: user.mustChangePassword, changed: (parseQuery(request, passwordQuery), new URL(request.url).searchParams.has("changed")) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const formData = await readFormData(request);
  if (!formData) return data({ errors: { form: t.passwordRequired } as Record<string, string> }, { status: 400 });
  const parsed = changePasswordSchema.safeParse({
    currentPassword: textField(formData, "currentPassword"),
    newPassword: textField(formData, "newPassword"),
    confirmPassword: textField(formData, "confirmPassword"),
  });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await changeOwnPassword({ ...actorOf(context, user), id: user.id }, parsed.data.currentPassword, parsed.data.newPassword);
  if (!result.ok) return data({ errors: { [result.field]: result.message } as Record<string, string> }, { status: 400 });
  // After the first-login change the user goes on to their dashboard; otherwise stay and confirm.
  throw redirect(user.mustChangePassword ? "/?passwordChanged=1" : "/password?changed=1", { headers: { "Set-Cookie": result.setCookie } });
}

export default function PasswordPage() {
  const { mustChange, changed } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors ?? {};
  return (
    <section className="narrow">
      <h1>{t.changePasswordTitle}</h1>
      {mustChange ? <Notice message={t.mustChangePassword} /> : null}
      {changed ? <Notice message={t.passwordChanged} /> : null}
      <FormError message={errors.form} />
      <Form method="post" noValidate>
        <Field label={t.currentPassword} name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} required />
        <Field label={t.newPassword} name="newPassword" type="password" autoComplete="new-password" error={errors.newPassword} required />
        <Field label={t.confirmPassword} name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} required />
        <button type="submit" className="button primary">
          {t.savePassword}
        </button>
      </Form>
    </section>
  );
}
