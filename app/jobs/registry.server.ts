/**
 * Every background job of the app. A new job: write it with `defineJob` next to the domain code it
 * serves (heavy imports inside the handler), add it here; its queue is created by the next
 * migration run (`npm run db:migrate`, or any start).
 */
import { auditCheckpointJob } from "~/audit/checkpoint-job.server";
import { similarityBackfillJob } from "~/aids/similarity-job.server";
import { bulletinExportJob } from "~/batches/export-job.server";
import { callRemindersJob } from "~/calls/reminder-job.server";
import { notificationEmailJob } from "~/notifications/email-job.server";
import type { JobDefinition } from "./define";

export const JOBS = {
  "bulletin.export": bulletinExportJob,
  "notification.email": notificationEmailJob,
  "call.reminders": callRemindersJob,
  "audit.checkpoint": auditCheckpointJob,
  "similarity.backfill": similarityBackfillJob,
} satisfies Record<string, JobDefinition<any>>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = (typeof JOBS)[N] extends JobDefinition<infer P> ? P : never;

export function jobLabel(name: string): string {
  return (JOBS as Record<string, JobDefinition<any>>)[name]?.options.label ?? name;
}
