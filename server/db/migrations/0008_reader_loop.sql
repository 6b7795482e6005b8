CREATE TABLE `reader_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`site_id` text NOT NULL,
	`reader_key` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reader_links_reader` ON `reader_links` (`site_id`,`reader_key`);--> statement-breakpoint
CREATE INDEX `reader_links_expiry` ON `reader_links` (`expires_at`);--> statement-breakpoint
CREATE TABLE `subscribers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`reader_key` text NOT NULL,
	`email` text NOT NULL,
	`status` text NOT NULL,
	`confirm_sent_at` text,
	`confirmed_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_reader` ON `subscribers` (`site_id`,`reader_key`);--> statement-breakpoint
ALTER TABLE `admin_users` ADD `notify_held` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `admin_users` ADD `notify_digest` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `admin_users` ADD `digest_sent_at` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `notify` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `comments` ADD `edit_hash` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `edited_at` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `admin_user_id` integer;--> statement-breakpoint
CREATE INDEX `comments_parent` ON `comments` (`parent_id`,`status`);--> statement-breakpoint
ALTER TABLE `sites` ADD `email_retention_days` integer;