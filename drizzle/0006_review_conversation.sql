ALTER TABLE "cases" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_comments" ADD COLUMN "selector" jsonb;--> statement-breakpoint
-- Cases claimed before this migration: the best known moment of the claim is their last change.
UPDATE "cases" SET "claimed_at" = "updated_at" WHERE "claimed_by" IS NOT NULL;
