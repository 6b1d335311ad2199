/** pg-boss's job states, in the order /admin/jobs offers them (shared by server and page). */
export const JOB_STATES = ["created", "retry", "active", "failed", "completed", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];
export const isJobState = (v: string | null | undefined): v is JobState => (JOB_STATES as readonly string[]).includes(v ?? "");
