CREATE TABLE `blocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`action` text NOT NULL,
	`note` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `blocks_site_value` ON `blocks` (`site_id`,`kind`,`value`);--> statement-breakpoint
CREATE TABLE `moderation_undos` (
	`id` text PRIMARY KEY NOT NULL,
	`admin_user_id` integer NOT NULL,
	`steps` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`undone_at` text
);
--> statement-breakpoint
CREATE INDEX `moderation_undos_expiry` ON `moderation_undos` (`expires_at`);--> statement-breakpoint
CREATE TABLE `used_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`used_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `comments` ADD `network_key` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `wide_network_key` text;--> statement-breakpoint
ALTER TABLE `sites` ADD `approve_known_readers` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `threads` ADD `closed_at` text;