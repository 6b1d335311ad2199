/**
 * `notification.email`: sends one notification's e-mail copy. Queued by `queueEmailJobs` in the
 * transaction that wrote the notification; retried with backoff (30 s, 60 s, …) while the mail
 * server refuses, then shown failed on /admin/jobs.
 */
import { defineJob } from "~/jobs/define";
import type { PendingEmail } from "./notifications.server";
import { notificationStrings } from "./strings";

export const notificationEmailJob = defineJob<PendingEmail>(
  "notification.email",
  { label: notificationStrings.emailJobLabel, retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  async (email) => {
    const { sendEmail } = await import("./email.server");
    await sendEmail(email);
  },
);
