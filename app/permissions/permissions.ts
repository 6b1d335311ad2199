/**
 * Roles and what they may do, declared once as data. Loaders and actions check these strings
 * on the server (see require.server.ts); the root loader sends the user's list to the browser so
 * the UI can hide what a user cannot do. Hiding is a courtesy, the server check is the rule.
 *
 * A permission reads `${action}:${entity}:${access}`; access `own-region` means "cases whose
 * lead region is one of the user's regions", `any` means all of them.
 */
export const ROLES = ["submitter", "reviewer", "publisher", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "case:create:own-region",
  "case:edit:own-region",
  "case:read:own-region",
  "case:read:any",
  "case:review:any",
  "case:comment:any",
  "batch:compile:any",
  "batch:publish:any",
  "bulletin:import:any",
  "user:manage:any",
  "reference:manage:any",
  "audit:read:any",
  "job:manage:any",
  /** Admins hand a submitted or in-review case to a reviewer (the workflow's `assign`). */
  "case:assign:any",
  /** Calls for cases: everybody sees the calls inviting them (submitters: their regions'), managers all. */
  "call:read:invited",
  "call:manage:any",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  submitter: ["case:create:own-region", "case:edit:own-region", "case:read:own-region", "case:comment:any", "call:read:invited"],
  reviewer: ["case:read:any", "case:review:any", "case:comment:any", "call:read:invited"],
  publisher: ["case:read:any", "batch:compile:any", "batch:publish:any", "call:read:invited", "call:manage:any"],
  admin: [
    "case:read:any",
    "call:read:invited",
    "call:manage:any",
    "user:manage:any",
    "reference:manage:any",
    "audit:read:any",
    "bulletin:import:any",
    "job:manage:any",
    "case:assign:any",
  ],
};

export function permissionsForRoles(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role] ?? []) set.add(p);
  return [...set].sort();
}

/** Works on the user object the root loader hands to the browser, and on the server. */
export function hasPermission(user: { permissions: readonly string[] } | null | undefined, permission: Permission) {
  return Boolean(user?.permissions.includes(permission));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
