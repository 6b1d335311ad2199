import { boolean, index, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { regions } from "./reference";

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  /** Set when an admin creates the account or resets its password: the user must choose a new one. */
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  active: boolean("active").notNull().default(true),
  /** The UI language the user chose with the header's switch ("zh-CN" | "en"); null: follow the browser. */
  locale: text("locale"),
  ...timestamps,
});

export const userRoles = pgTable(
  "user_roles",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), index("user_roles_role_idx").on(t.role)],
);

/** The pilot regions a submitter works for. */
export const userRegions = pgTable(
  "user_regions",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    regionCode: text("region_code").notNull().references(() => regions.code),
  },
  (t) => [primaryKey({ columns: [t.userId, t.regionCode] }), index("user_regions_region_idx").on(t.regionCode)],
);

/** lucia v3 sessions (columns as @lucia-auth/adapter-drizzle expects them). */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Every login attempt, for throttling (the audit trail records them too, for people). */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: serial("id").primaryKey(),
    username: text("username").notNull(),
    ip: text("ip").notNull(),
    success: boolean("success").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Set when an admin clears a throttle: the failure no longer counts (the audit trail keeps it). */
    clearedAt: timestamp("cleared_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("login_attempts_username_at_idx").on(t.username, t.at), index("login_attempts_ip_at_idx").on(t.ip, t.at)],
);
