CREATE TABLE "call_regions" (
	"call_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"quota" integer,
	CONSTRAINT "call_regions_call_id_region_code_pk" PRIMARY KEY("call_id","region_code")
);
--> statement-breakpoint
CREATE TABLE "call_reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"call_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"delivered" boolean DEFAULT true NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"notice" text DEFAULT '' NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"original_deadline" timestamp with time zone NOT NULL,
	"remind_days_before" integer DEFAULT 3 NOT NULL,
	"state" text NOT NULL,
	"batch_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "call_id" integer;--> statement-breakpoint
ALTER TABLE "call_regions" ADD CONSTRAINT "call_regions_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_regions" ADD CONSTRAINT "call_regions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_reminders" ADD CONSTRAINT "call_reminders_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_reminders" ADD CONSTRAINT "call_reminders_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_regions_region_idx" ON "call_regions" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "call_reminders_once_idx" ON "call_reminders" USING btree ("call_id","region_code","kind");--> statement-breakpoint
CREATE INDEX "call_reminders_region_idx" ON "call_reminders" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "calls_state_deadline_idx" ON "calls" USING btree ("state","deadline");--> statement-breakpoint
CREATE INDEX "calls_batch_idx" ON "calls" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "calls_created_by_idx" ON "calls" USING btree ("created_by");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_call_idx" ON "cases" USING btree ("call_id","lead_region");