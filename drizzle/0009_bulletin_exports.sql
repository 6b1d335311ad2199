CREATE TABLE "bulletin_exports" (
	"batch_id" integer NOT NULL,
	"format" text NOT NULL,
	"errata_count" integer NOT NULL,
	"body" "bytea",
	"unavailable" text,
	"content_type" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulletin_exports_batch_id_format_pk" PRIMARY KEY("batch_id","format")
);
--> statement-breakpoint
ALTER TABLE "bulletin_exports" ADD CONSTRAINT "bulletin_exports_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE cascade ON UPDATE no action;