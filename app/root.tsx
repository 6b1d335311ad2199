import "~/ui/zod-config";
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  type ShouldRevalidateFunction,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { currentLocale, DEFAULT_LOCALE, setBrowserLocale, type Locale } from "~/i18n/locale";
import { navigationFor } from "~/layout/navigation";
import { getDb } from "~/db/db.server";
import { FlashMessage } from "~/flash/Flash";
import { takeFlash } from "~/flash/flash.server";
import { countUnread } from "~/notifications/notifications.server";
import { notificationStrings } from "~/notifications/strings";
import { layoutStrings as t } from "~/layout/strings";
import { permissionStrings } from "~/permissions/strings";
import { useNonce } from "~/ui/nonce";
import stylesHref from "~/styles/app.css?url";
import bulletinStylesHref from "~/bulletin/bulletin.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "stylesheet", href: bulletinStylesHref },
  // The .ico for browsers (and tools) that ask for /favicon.ico, the SVG for those that take it.
  { rel: "icon", href: "/favicon.ico", sizes: "16x16 32x32 48x48" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/apple-touch-icon.png" },
  { rel: "manifest", href: "/manifest.webmanifest" },
];

export const meta: MetaFunction = () => [{ title: t.appName }];

/** The signed-in user (with permissions, for hiding what they cannot do), the CSP nonce, and the one-time message of the last redirect. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = context.auth?.user ?? null;
  const { flash, headers } = await takeFlash(request);
  return data({
    user: user && {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      regions: user.regions,
      permissions: user.permissions,
      mustChangePassword: user.mustChangePassword,
    },
    nonce: context.cspNonce,
    // The language this request was answered in (users.locale → cookie → Accept-Language → zh-CN).
    locale: currentLocale(),
    // The inbox badge: one COUNT, only for a signed-in user who can use the app.
    unreadCount: user && !user.mustChangePassword ? await countUnread(getDb(), user.id) : 0,
    flash,
  }, { headers });
}

/**
 * After a failed mutation (the server down, a 5xx) do not reload the root's data: that reload
 * would fail too and replace the page — and the user's unsaved form — with the error page.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus && actionStatus >= 500 ? false : defaultShouldRevalidate;

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

/**
 * The language switch: a plain POST form (works without JavaScript; with it, a full page load, so
 * every string on the page — also those read outside React — changes at once).
 */
function LanguageSwitch() {
  const locale = useRouteLoaderData<typeof loader>("root")?.locale ?? DEFAULT_LOCALE;
  const location = useLocation();
  const other: Locale = locale === "en" ? "zh-CN" : "en";
  return (
    <form method="post" action="/locale" className="language-switch">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="link-button" lang={other} aria-label={t.switchLanguageLabel} data-testid="language-switch">
        {t.otherLanguage}
      </button>
    </form>
  );
}

function Header() {
  const user = useOptionalUser();
  const unreadCount = useRouteLoaderData<typeof loader>("root")?.unreadCount ?? 0;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <div className="brand">
        <span className="brand-subtitle">{t.appSubtitle}</span>
        <span className="brand-name">{t.appName}</span>
      </div>
      {user && !user.mustChangePassword ? (
        <nav aria-label={t.mainNavigation} className="main-nav">
          <ul>
            {navigationFor(user.permissions).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
                {item.to === "/inbox" && unreadCount > 0 ? (
                  <span className="badge unread-badge" data-testid="unread-count" title={notificationStrings.unreadBadge(unreadCount)}>
                    {unreadCount}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {user ? (
        <div className="user-menu">
          <span>
            {t.signedInAs}：<strong data-testid="current-user">{user.displayName}</strong>
          </span>
          <NavLink to="/password">{t.changePassword}</NavLink>
          <Form method="post" action="/logout">
            <button type="submit" className="link-button">
              {t.logout}
            </button>
          </Form>
        </div>
      ) : null}
      <LanguageSwitch />
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  // From the entry, so an error page without the root's data (a 404 for an unknown address) hydrates too.
  const nonce = useNonce(data?.nonce);
  const locale = data?.locale ?? (typeof document === "undefined" ? currentLocale() : document.documentElement.lang);
  // In the browser every strings read follows this page's language; set before any child renders.
  if (typeof document !== "undefined") setBrowserLocale(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#b3261e" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <main id="main" className="page">
          <FlashMessage />
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** One error page for the whole app: 403, 404 and the rest, in Chinese, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  let title: string = permissionStrings.errorTitle;
  let message: string = permissionStrings.error;
  if (isRouteErrorResponse(error)) {
    const detail = typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : null;
    if (error.status === 403) {
      title = permissionStrings.forbiddenTitle;
      message = detail ?? permissionStrings.forbidden;
    } else if (error.status === 404) {
      title = permissionStrings.notFoundTitle;
      message = detail ?? permissionStrings.notFound;
    } else if (error.status === 405) {
      // Remix's own 405 names the route module, in English: never shown.
      title = permissionStrings.methodNotAllowedTitle;
      message = permissionStrings.methodNotAllowed;
    } else if (error.status < 500) {
      title = `${permissionStrings.errorTitle}（${error.status}）`;
      // A text body is shown only when it is one of ours (Chinese, or marked as ours); the framework's are English.
      const ours = typeof error.data === "string" && /[\u4e00-\u9fff]/.test(error.data) ? error.data : null;
      message = detail ?? ours ?? permissionStrings.error;
    }
  }
  return (
    <section className="error-page" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        {/* A router link: after hydration it navigates without reloading (and without JS it is a plain link). */}
        <Link to="/">{permissionStrings.backHome}</Link>
      </p>
    </section>
  );
}
