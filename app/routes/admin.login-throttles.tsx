import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { adminStrings as t } from "~/admin/strings";
import { clearThrottleAudited, clearThrottleSchema, listThrottles } from "~/auth/throttle-admin.server";
import { redirectWithFlash } from "~/flash/flash.server";
import { pageTitle } from "~/layout/title";
import { actorOf, requirePermission } from "~/permissions/require.server";
import { FormError } from "~/ui/components";
import { formatDateTime } from "~/ui/format";
import { readFormData, textField } from "~/ui/forms";

export const meta: MetaFunction = () => pageTitle(t.throttlesTitle);

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "user:manage:any");
  const throttles = await listThrottles();
  return { throttles: throttles.map((x) => ({ ...x, lastAt: x.lastAt.toISOString(), until: x.until.toISOString() })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "user:manage:any");
  const formData = await readFormData(request);
  const parsed = clearThrottleSchema.safeParse({
    kind: formData ? textField(formData, "kind") : "",
    username: formData?.get("username") ? textField(formData, "username") : undefined,
    ip: formData?.get("ip") ? textField(formData, "ip") : undefined,
  });
  if (!parsed.success || (parsed.data.kind !== "address" && !parsed.data.username) || (parsed.data.kind !== "account" && !parsed.data.ip)) {
    return data({ message: t.throttleInvalid }, { status: 400 });
  }
  const cleared = await clearThrottleAudited(actorOf(context, user), parsed.data);
  throw await redirectWithFlash("/admin/login-throttles", t.throttleCleared(cleared));
}

export default function LoginThrottlesPage() {
  const { throttles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <div className="page-header">
        <h1>{t.throttlesTitle}</h1>
      </div>
      <p className="muted small">{t.throttlesIntro}</p>
      <FormError message={actionData?.message} />
      {throttles.length === 0 ? (
        <p className="empty">{t.throttlesNone}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t.throttleKey}</th>
              <th>{t.throttleFailures}</th>
              <th>{t.throttleLast}</th>
              <th>{t.throttleUntil}</th>
              <th>
                <span className="visually-hidden">{t.rowActions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {throttles.map((x) => (
              <tr key={`${x.kind}:${x.username}:${x.ip}`}>
                <td data-label={t.throttleKey}>
                  {t.throttleKind[x.kind]}：{[x.username, x.ip].filter(Boolean).join(" @ ")}
                </td>
                <td data-label={t.throttleFailures}>{x.failures}</td>
                <td data-label={t.throttleLast}>{formatDateTime(x.lastAt)}</td>
                <td data-label={t.throttleUntil}>{formatDateTime(x.until)}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="kind" value={x.kind} />
                    {x.username ? <input type="hidden" name="username" value={x.username} /> : null}
                    {x.ip ? <input type="hidden" name="ip" value={x.ip} /> : null}
                    <button type="submit" className="button">
                      {t.throttleClear}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
