import { localized, type Dictionary } from "~/i18n/localized";
const serverStrings_zh = {
  crossOrigin: "请求来源不被允许：出于安全原因，系统拒绝来自其他网站的提交。请从本系统页面重新操作。",
  bodyTooLarge: (mb: number) => `提交的内容过大（上限 ${mb} MB），系统未处理该请求。请精简内容后重试，您在页面上填写的内容不受影响。`,
  badHost: "请求的访问地址无效：请通过本系统的正式网址访问。",
  internalError: "服务器处理请求时出错，请稍后重试。",
  backHome: "返回首页",
  listening: (url: string) => `服务已启动：${url}`,
  workers: (n: number) => `以 ${n} 个工作进程运行（WEB_CONCURRENCY）。`,
  workerDied: (pid: number, how: string | number) => `工作进程 ${pid} 意外退出（${how}），正在重新启动一个。`,
  shuttingDown: "正在停止服务：不再接受新请求，等待进行中的请求完成…",
} as const;

const serverStrings_en: Dictionary<typeof serverStrings_zh> = {
  crossOrigin: "Request origin not allowed: for security, the system refuses submissions from other websites. Please try again from this system's own pages.",
  bodyTooLarge: (mb: number) => `The submission is too large (limit ${mb} MB) and was not processed. Shorten it and try again; what you entered on the page is unaffected.`,
  badHost: "Invalid address: please use this system's official URL.",
  internalError: "The server failed to process the request; please try again later.",
  backHome: "Back to the home page",
  listening: (url: string) => `Server started: ${url}`,
  workers: (n: number) => `Running ${n} worker processes (WEB_CONCURRENCY).`,
  workerDied: (pid: number, how: string | number) => `Worker process ${pid} exited unexpectedly (${how}); starting a new one.`,
  shuttingDown: "Stopping: no new requests accepted, waiting for requests in progress to finish…",
};

export const serverStrings = localized({ "zh-CN": serverStrings_zh, en: serverStrings_en }, "serverStrings");
