import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { userFormValues } from "~/admin/form-data.server";
import { listRegions } from "~/admin/reference.server";
import { createUserSchema } from "~/admin/schemas";
import { adminStrings as t } from "~/admin/strings";
import { UserForm } from "~/admin/UserForm";
import { createUser, UserAdminError } from "~/admin/users.server";
import { getDb } from "~/db/db.server";
import { actorOf, requirePermission } from "~/permissions/require.server";
import { fieldErrors, readFormData } from "~/ui/forms";
import { pageTitle } from "~/layout/title";

export const meta: MetaFunction = () => pageTitle(t.newUser, t.usersTitle);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "user:manage:any");
  return { regions: await listRegions(getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context, "user:manage:any");
  const formData = await readFormData(request);
  if (!formData) return data({ errors: { form: t.usernameRequired } as Record<string, string>, values: {} }, { status: 400 });
  const values = userFormValues(formData);
  const echo = { ...values, password: undefined };
  const parsed = createUserSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: echo }, { status: 400 });
  try {
    await createUser(actorOf(context, admin), parsed.data);
  } catch (error) {
    if (error instanceof UserAdminError) {
      return data({ errors: { [error.field ?? "form"]: error.message } as Record<string, string>, values: echo }, { status: error.status });
    }
    throw error;
  }
  throw redirect("/admin/users?created=1");
}

export default function NewUserPage() {
  const { regions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="narrow">
      <h1>{t.newUser}</h1>
      <UserForm mode="create" values={actionData?.values ?? { roles: ["submitter"] }} errors={actionData?.errors ?? {}} regions={regions} />
    </section>
  );
}
