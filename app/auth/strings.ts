import { localized, type Dictionary } from "~/i18n/localized";
/** User-visible text of sign-in, sign-out and passwords (zh-CN). */
const authStrings_zh = {
  loginTitle: "登录",
  appName: "服务业扩大开放综合试点示范 · 最佳实践案例系统",
  username: "用户名",
  password: "密码",
  submit: "登录",
  submitting: "正在登录…",
  logout: "退出登录",
  logoutConfirm: "确定要退出登录吗？",
  invalidCredentials: "用户名或密码错误。",
  usernameRequired: "请输入用户名。",
  passwordRequired: "请输入密码。",
  tooManyAttempts: (retryAt: string, seconds: number) =>
    `登录失败次数过多，请在 ${retryAt}（约 ${seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`}后）再试。每次失败后等待时间会逐步加长（最长 15 分钟）；账号不会因此被锁定。`,
  failedAttemptsSinceLastLogin: (count: number, lastAt: string, lastIp: string) =>
    `自您上次登录以来，有 ${count} 次使用您的用户名、但密码错误的登录尝试（最近一次：${lastAt}，来自 ${lastIp}）。如果不是您本人，请修改密码并告知管理员。`,
  inactive: "用户名或密码错误。",
  changePasswordTitle: "修改密码",
  mustChangePassword: "这是您第一次登录（或密码已被管理员重置），请先设置新密码。",
  currentPassword: "当前密码",
  newPassword: "新密码",
  confirmPassword: "确认新密码",
  savePassword: "保存新密码",
  passwordChanged: "密码已修改。其他设备上的登录已全部退出。",
  wrongCurrentPassword: "当前密码不正确。",
  passwordTooShort: (min: number) => `新密码至少需要 ${min} 个字符。`,
  passwordTooLong: (max: number) => `新密码不能超过 ${max} 个字符。`,
  passwordMismatch: "两次输入的新密码不一致。",
  passwordSameAsOld: "新密码不能与当前密码相同。",
  demoHint: "演示账号：admin、reviewer、publisher、beijing、shanghai，密码均为 demo12345（仅限演示环境）。",
} as const;

const authStrings_en: Dictionary<typeof authStrings_zh> = {
  loginTitle: "Sign in",
  appName: "Comprehensive Pilot Programme for Opening-up of the Services Sector · Best-Practice Cases",
  username: "Username",
  password: "Password",
  submit: "Sign in",
  submitting: "Signing in…",
  logout: "Sign out",
  logoutConfirm: "Do you want to sign out?",
  invalidCredentials: "Wrong username or password.",
  usernameRequired: "Enter your username.",
  passwordRequired: "Enter your password.",
  tooManyAttempts: (retryAt: string, seconds: number) =>
    `Too many failed sign-ins; try again at ${retryAt} (in about ${seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}). The wait grows after each failure (up to 15 minutes); the account is never locked.`,
  failedAttemptsSinceLastLogin: (count: number, lastAt: string, lastIp: string) =>
    `Since your last sign-in there ${count === 1 ? "was 1 attempt" : `were ${count} attempts`} to sign in with your username and a wrong password (the latest: ${lastAt}, from ${lastIp}). If it was not you, change your password and tell an administrator.`,
  inactive: "Wrong username or password.",
  changePasswordTitle: "Change password",
  mustChangePassword: "This is your first sign-in (or an administrator reset your password): please set a new password first.",
  currentPassword: "Current password",
  newPassword: "New password",
  confirmPassword: "Confirm the new password",
  savePassword: "Save the new password",
  passwordChanged: "Password changed. You have been signed out on all other devices.",
  wrongCurrentPassword: "The current password is wrong.",
  passwordTooShort: (min: number) => `The new password needs at least ${min} characters.`,
  passwordTooLong: (max: number) => `The new password may not exceed ${max} characters.`,
  passwordMismatch: "The two new passwords differ.",
  passwordSameAsOld: "The new password must differ from the current one.",
  demoHint: "Demo accounts: admin, reviewer, publisher, beijing, shanghai, all with the password demo12345 (demo environments only).",
};

export const authStrings = localized({ "zh-CN": authStrings_zh, en: authStrings_en }, "authStrings");
