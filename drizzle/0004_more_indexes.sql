CREATE INDEX "batch_categories_category_idx" ON "batch_categories" USING btree ("category_code");--> statement-breakpoint
CREATE INDEX "batches_created_by_idx" ON "batches" USING btree ("created_by");