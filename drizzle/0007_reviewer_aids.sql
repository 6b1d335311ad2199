CREATE TABLE "case_import_notes" (
	"case_id" text NOT NULL,
	"position" integer NOT NULL,
	"rule" text NOT NULL,
	"excerpt" text NOT NULL,
	"message" text NOT NULL,
	"line" integer NOT NULL,
	CONSTRAINT "case_import_notes_case_id_position_pk" PRIMARY KEY("case_id","position")
);
--> statement-breakpoint
CREATE TABLE "case_similarity" (
	"case_id" text PRIMARY KEY NOT NULL,
	"signature" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_similarity_bands" (
	"case_id" text NOT NULL,
	"band" smallint NOT NULL,
	"key" integer NOT NULL,
	CONSTRAINT "case_similarity_bands_case_id_band_pk" PRIMARY KEY("case_id","band")
);
--> statement-breakpoint
ALTER TABLE "case_import_notes" ADD CONSTRAINT "case_import_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_similarity" ADD CONSTRAINT "case_similarity_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_similarity_bands" ADD CONSTRAINT "case_similarity_bands_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_similarity_bands_key_idx" ON "case_similarity_bands" USING btree ("band","key");