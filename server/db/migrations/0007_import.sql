CREATE TABLE `import_links` (
	`run` text NOT NULL,
	`site_id` text NOT NULL,
	`import_key` text NOT NULL,
	`parent_key` text,
	`skipped` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`run`, `import_key`)
);
--> statement-breakpoint
ALTER TABLE `comments` ADD `import_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `comments_import_key` ON `comments` (`site_id`,`import_key`) WHERE "comments"."import_key" is not null;