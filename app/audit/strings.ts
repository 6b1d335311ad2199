import { BATCH_TRANSITIONS } from "#workflows/batch";
import { CASE_TRANSITIONS } from "#workflows/case-review";

/** Chinese names of audit actions; an action missing here shows its code. Workflow transitions name themselves. */
export const auditActionLabels: Record<string, string> = {
  ...Object.fromEntries(CASE_TRANSITIONS.map((t) => [`case.${t.action}`, t.timelineLabel])),
  ...Object.fromEntries(BATCH_TRANSITIONS.map((t) => [`batch.${t.action}`, t.timelineLabel])),
  "case.create": "新建案例",
  "case.save": "保存案例",
  "case.autosave": "自动保存",
  "case.import": "导入案例",
  "batch.import": "导入公报",
  "batch.create": "新建公报批次",
  "batch.update": "修改公报批次",
  "batch.erratum": "发布勘误",
  "comment.create": "发表评论",
  "comment.resolve": "标记评论已解决",
  "comment.reopen": "重新打开评论",
  "auth.login": "登录成功",
  "auth.login_failed": "登录失败",
  "auth.login_throttled": "登录被限制（尝试过多）",
  "auth.throttle_cleared": "解除登录限制",
  "auth.logout": "退出登录",
  "user.create": "创建用户",
  "user.update": "修改用户",
  "user.roles_change": "修改角色或地区",
  "user.deactivate": "停用用户",
  "user.reactivate": "重新启用用户",
  "user.password_reset": "重置密码",
  "user.password_change": "修改密码",
  "region.create": "新增试点地区",
  "region.update": "修改试点地区",
  "category.create": "新增案例类别",
  "category.update": "修改案例类别",
  "reference.seed": "初始化参考数据",
  "job.retry": "重试后台任务",
};

export const auditEntityLabels: Record<string, string> = {
  user: "用户",
  region: "试点地区",
  category: "案例类别",
  reference: "参考数据",
  case: "案例",
  batch: "公报批次",
  job: "后台任务",
};

export function auditActionLabel(action: string) {
  return auditActionLabels[action] ?? action;
}
