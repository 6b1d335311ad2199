/** Messages of the database setup (migrations, roles) for operators: CLI output and start-up errors. */
export const dbStrings = {
  noRoleInUrl: "DATABASE_URL 未写明应用连接所用的数据库角色（postgres://角色:密码@主机/库）。",
  migrationUrlWithoutDatabaseUrl: "设置了 MIGRATION_DATABASE_URL，却没有设置 DATABASE_URL：应用以 DATABASE_URL 的角色连接，迁移以 MIGRATION_DATABASE_URL 的角色运行，两者都要设置。",
  badRoleName: (name: string) => `应用角色名“${name}”无效：只能用字母、数字和下划线，且不以数字开头（至多 63 个字符）。`,
  sameRole: (name: string) => `应用角色与迁移角色相同（${name}）：应用应以另一个不拥有任何表的角色连接。`,
  roleMissingNoPassword: (name: string) => `数据库角色 ${name} 不存在，且未给出密码，无法创建：请在 DATABASE_URL 中写明密码，或先由数据库管理员创建该角色。`,
  cannotCreateRole: (name: string, reason: string) =>
    `无法创建数据库角色 ${name}（${reason}）：迁移角色需要 CREATEROLE 权限，或请数据库管理员先执行 CREATE ROLE ${name} LOGIN PASSWORD '…'，再运行 npm run db:migrate。`,
  roleCreated: (name: string) => `已创建应用数据库角色 ${name}。`,
  roleTooPowerful: (name: string) => `数据库角色 ${name} 是超级用户、可绕过行级安全或属于迁移角色，不能作为应用角色：请换一个普通角色。`,
  roleOwnsTables: (name: string) => `数据库角色 ${name} 拥有本应用的表，不能作为应用角色：表应归迁移角色所有（ALTER TABLE … OWNER TO 迁移角色）。`,
  rightsGranted: (name: string) => `已为应用角色 ${name} 授予所需的最小权限（审计表只能追加和读取）。`,
  problemSuperuser: "它是超级用户（或可绕过行级安全）",
  problemOwner: (count: number) => `它拥有（或继承了所有者身份的）${count} 个表或序列`,
  problemReplicationRole: "它可以设置 session_replication_role（可借此跳过审计表的触发器）",
  problemAuditRights: "它可以修改、删除或清空审计记录",
  refuseToStart: (role: string, problems: string[]) =>
    `拒绝启动：设置了 MIGRATION_DATABASE_URL，但应用的数据库角色 ${role} 权限过大——${problems.join("；")}。请让 DATABASE_URL 使用一个不拥有任何表的普通角色（npm run db:migrate 会创建并授权它）。`,
  warnPrivileged: (role: string, problems: string[]) =>
    `警告：应用以数据库角色 ${role} 连接，${problems.join("；")}，因此能绕过审计表的只追加保护。生产环境请设置 MIGRATION_DATABASE_URL（所有者角色）并让 DATABASE_URL 使用普通角色（见 README「Production」）。`,
  migrated: (driver: string, location: string) => `数据库已迁移到最新版本（${driver}: ${location}）。`,
  appRoleOk: (role: string) => `应用角色 ${role} 符合最小权限要求。`,
};
