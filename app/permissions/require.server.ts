import { data, redirect, type AppLoadContext } from "@remix-run/node";
import type { AuditActor } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { hasPermission, type Permission, type Role } from "./permissions";
import { permissionStrings } from "./strings";

/**
 * The first line of every loader and action says who may run it. These helpers throw: a redirect
 * to the login page for anonymous users, a redirect to the password page while a new password is
 * due, and a 403 (rendered by the root error boundary in Chinese) otherwise.
 */
export function requireUser(request: Request, context: AppLoadContext): SessionUser {
  const user = context.auth?.user;
  const url = new URL(request.url);
  if (!user) {
    const back = url.pathname + url.search;
    throw redirect(back && back !== "/" ? `/login?redirectTo=${encodeURIComponent(back)}` : "/login");
  }
  if (user.mustChangePassword && url.pathname !== "/password" && url.pathname !== "/logout") {
    throw redirect("/password");
  }
  return user;
}

export function forbidden(message: string = permissionStrings.forbidden): never {
  throw data({ message }, { status: 403 });
}

/** The app's 404, with its Chinese message (for addresses that exist only in tests or benchmarks, too). */
export function notFound(message: string = permissionStrings.notFound): never {
  throw data({ message }, { status: 404 });
}

export function requirePermission(request: Request, context: AppLoadContext, permission: Permission): SessionUser {
  const user = requireUser(request, context);
  if (!hasPermission(user, permission)) forbidden();
  return user;
}

export function requireAnyPermission(request: Request, context: AppLoadContext, permissions: Permission[]): SessionUser {
  const user = requireUser(request, context);
  if (!permissions.some((p) => hasPermission(user, p))) forbidden();
  return user;
}

export function hasRole(user: SessionUser, role: Role) {
  return user.roles.includes(role);
}

/** The audit actor for the current request. */
export function actorOf(context: AppLoadContext, user: SessionUser | null = context.auth?.user ?? null): AuditActor {
  return {
    id: user?.id ?? null,
    name: user ? `${user.displayName}（${user.username}）` : "匿名",
    ip: context.clientIp ?? null,
    userAgent: context.userAgent ?? null,
  };
}
