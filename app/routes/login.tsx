import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { attemptLogin } from "~/auth/login.server";
import { authStrings as t } from "~/auth/strings";
import { flashCookieHeader } from "~/flash/flash.server";
import { actorOf } from "~/permissions/require.server";
import { Field, FormError } from "~/ui/components";
import { fieldErrors, readFormData, textField } from "~/ui/forms";
import { pageTitle } from "~/layout/title";
import { parseQuery, queryText } from "~/ui/query.server";

export const meta: MetaFunction = () => pageTitle(t.loginTitle);

/** `?redirectTo=` where to go after signing in (safeRedirect keeps it on this site). */
const loginQuery = z.object({ redirectTo: queryText(2_000) });

/** Anyone may see the login page; a signed-in user goes straight on. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  parseQuery(request, loginQuery);
  if (context.auth?.user) throw redirect("/");
  // The demo logins exist only on the embedded database (see app/db/startup.server.ts).
  return { demo: !process.env.DATABASE_URL };
}

const loginSchema = z.object({
  // No account name holds control characters; a NUL byte would not even reach the database (PostgreSQL refuses it).
  username: z.string().trim().min(1, { error: () => t.usernameRequired }).max(64, { error: () => t.invalidCredentials }).regex(/^[^\u0000-\u001f\u007f]*$/, { error: () => t.invalidCredentials }),
  password: z.string().min(1, { error: () => t.passwordRequired }).max(256, { error: () => t.invalidCredentials }),
});

/** Only same-site paths: `redirectTo=https://evil.example` must not send a user away. */
function safeRedirect(to: string | null) {
  // Paths this app links to are percent-encoded: raw whitespace, control characters or backslashes
  // mean a forged value (and a newline would not even fit in a Location header).
  if (!to || !to.startsWith("/") || to.startsWith("//") || /[\s\u0000-\u001f\u007f\\]/.test(to)) return "/";
  return to;
}

/** Anyone may try to log in; attempts are throttled per account+address, per address and per account (see throttle.server.ts). */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  if (!formData) return data({ message: t.invalidCredentials, errors: {}, username: "" }, { status: 400 });
  const username = textField(formData, "username");
  const parsed = loginSchema.safeParse({ username, password: textField(formData, "password") });
  if (!parsed.success) return data({ message: null, errors: fieldErrors(parsed.error), username }, { status: 400 });
  const result = await attemptLogin(parsed.data, actorOf(context, null));
  if (!result.ok) return data({ message: result.message, errors: {}, username }, { status: result.status });
  const to = result.mustChangePassword ? "/password" : safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  const headers = new Headers({ "Set-Cookie": result.setCookie });
  // The owner sees what strangers tried since their last visit (OWASP: notify of failed attempts).
  if (result.failedAttempts) headers.append("Set-Cookie", await flashCookieHeader(result.failedAttempts, "info"));
  throw redirect(to, { headers });
}

export default function LoginPage() {
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const busy = navigation.state === "submitting";
  return (
    <section className="login-card">
      <h1>{t.loginTitle}</h1>
      <p className="muted">{t.appName}</p>
      <FormError message={actionData?.message} />
      <Form method="post" action={`/login${searchParams.size ? `?${searchParams}` : ""}`} noValidate>
        <Field label={t.username} name="username" autoComplete="username" defaultValue={actionData?.username} error={errors.username} required autoFocus />
        <Field label={t.password} name="password" type="password" autoComplete="current-password" error={errors.password} required />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t.submitting : t.submit}
        </button>
      </Form>
      {demo ? <p className="muted small">{t.demoHint}</p> : null}
    </section>
  );
}
