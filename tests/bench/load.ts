/**
 * Drives one scenario with autocannon over loopback and summarises it: latency percentiles from
 * every response's own time (autocannon's histogram has no p95), requests per second over the
 * measured window, error and status counts. Every run is bounded in time (duration, plus a hard
 * stop) and, where it consumes a pool of cases, in count (`amount`).
 */
import autocannon from "autocannon";

export type ScenarioRequest = { method?: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };

export type LoadOptions = {
  base: string;
  connections: number;
  durationSec: number;
  /** Fixed path, or a function giving each request (rotating through a pool). Null → pool exhausted. */
  request: ScenarioRequest | (() => ScenarioRequest | null);
  /** At most this many requests (a pool's size). */
  amount?: number;
  /** Statuses that count as success (default: 200). */
  ok?: (status: number) => boolean;
  /** Sees each response (e.g. to learn a case's new version from the Location header). */
  onResponse?: (status: number, headers: Record<string, string | string[]>, context: Record<string, unknown>) => void;
  /** Called with each request before it is sent, with autocannon's per-connection context. */
  onSend?: (request: ScenarioRequest, context: Record<string, unknown>) => void;
};

export type LoadResult = {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rps: number;
  seconds: number;
};

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarise(times: number[], seconds: number, errors: number, statuses: Record<string, number>): LoadResult {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    requests: times.length,
    errors,
    statuses,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    rps: seconds > 0 ? times.length / seconds : NaN,
    seconds,
  };
}

export const COMMON_HEADERS = { "accept-encoding": "gzip", "user-agent": "pilot-cases-bench" };

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const fixed = typeof options.request === "function" ? null : options.request;
  const next = typeof options.request === "function" ? options.request : null;
  const ok = options.ok ?? ((s: number) => s === 200);
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;

  const toAutocannon = (r: ScenarioRequest) => ({
    method: r.method ?? "GET",
    path: r.path,
    headers: { ...COMMON_HEADERS, ...(r.headers ?? {}) },
    body: r.body,
  });

  const instance = autocannon({
    url: options.base,
    connections: options.connections,
    duration: options.durationSec,
    amount: options.amount,
    timeout: 30,
    requests: [
      {
        ...(fixed ? toAutocannon(fixed) : { method: "GET" as const, path: "/ping" }),
        ...(next
          ? {
              setupRequest: (req: autocannon.Request, context: Record<string, unknown>) => {
                const r = next();
                // Pool exhausted: repeat a harmless request rather than reuse a case (the run stops on `amount`).
                if (!r) return { ...req, ...toAutocannon({ path: "/ping" }) } as autocannon.Request;
                options.onSend?.(r, context);
                return { ...req, ...toAutocannon(r) } as autocannon.Request;
              },
            }
          : {}),
        onResponse: (status: number, _body: string, context: Record<string, unknown>, headers?: Record<string, string | string[]>) => {
          options.onResponse?.(status, headers ?? {}, context);
        },
      },
    ],
  } as autocannon.Options) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (!ok(statusCode)) errors++;
  });
  instance.on("reqError", () => {
    errors++;
  });
  // Hard stop: an amount-bound run never outlives three times its duration.
  const hardStop = setTimeout(() => instance.stop(), options.durationSec * 3000 + 5000);
  const started = process.hrtime.bigint();
  const result = await instance;
  clearTimeout(hardStop);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  errors += result.timeouts ?? 0;
  return summarise(times, Math.min(seconds, result.duration || seconds), errors, statuses);
}

/** One request at a time, each timed on its own (uncached exports, imports). */
export async function timeSequential(count: number, make: (i: number) => Promise<{ ok: boolean; status: number }>): Promise<LoadResult> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const { ok, status } = await make(i);
    times.push(performance.now() - t0);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (!ok) errors++;
  }
  return summarise(times, (performance.now() - started) / 1000, errors, statuses);
}
