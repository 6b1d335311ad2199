CREATE TABLE "case_search" (
	"case_id" text PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"bigrams" text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_search" ADD CONSTRAINT "case_search_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_search_bigrams_idx" ON "case_search" USING gin ("bigrams");