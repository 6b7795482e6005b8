CREATE TABLE `admin_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `admin_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `admin_sessions_user` ON `admin_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `admin_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admin_users_email_unique` ON `admin_users` (`email`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`site_id` text,
	`subject` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_site` ON `audit_log` (`site_id`,`id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`thread_id` integer NOT NULL,
	`parent_id` integer,
	`root_id` integer,
	`author_name` text NOT NULL,
	`email` text NOT NULL,
	`reader_key` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`flag` text,
	`ip_hash` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_page` ON `comments` (`thread_id`,`status`,`root_id`,`id`);--> statement-breakpoint
CREATE INDEX `comments_replies` ON `comments` (`root_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `comments_queue` ON `comments` (`site_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `comments_reader` ON `comments` (`site_id`,`reader_key`);--> statement-breakpoint
CREATE INDEX `comments_site_day` ON `comments` (`site_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`points` integer NOT NULL,
	`expire` integer
);
--> statement-breakpoint
CREATE TABLE `rewards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`reader_key` text NOT NULL,
	`scope_key` text NOT NULL,
	`thread_id` integer NOT NULL,
	`comment_id` integer NOT NULL,
	`email` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`pending_reason` text,
	`code` text,
	`code_key` text,
	`label` text NOT NULL,
	`issued_at` text,
	`expires_at` text,
	`redeemed_at` text,
	`order_ref` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rewards_one_per_reader` ON `rewards` (`site_id`,`reader_key`,`scope_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `rewards_code` ON `rewards` (`site_id`,`code_key`) WHERE "rewards"."kind" <> 'static' and "rewards"."code_key" is not null;--> statement-breakpoint
CREATE INDEX `rewards_lookup` ON `rewards` (`code_key`);--> statement-breakpoint
CREATE INDEX `rewards_reader` ON `rewards` (`reader_key`);--> statement-breakpoint
CREATE INDEX `rewards_site_issued` ON `rewards` (`site_id`,`id`);--> statement-breakpoint
CREATE INDEX `rewards_comment` ON `rewards` (`comment_id`);--> statement-breakpoint
CREATE INDEX `rewards_site_status` ON `rewards` (`site_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `rewards_thread` ON `rewards` (`thread_id`,`id`);--> statement-breakpoint
CREATE INDEX `rewards_issued_day` ON `rewards` (`site_id`,`issued_at`);--> statement-breakpoint
CREATE INDEX `rewards_redeemed_day` ON `rewards` (`site_id`,`redeemed_at`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`origins` text NOT NULL,
	`moderation` text NOT NULL,
	`locale` text NOT NULL,
	`reward` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `threads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`key` text NOT NULL,
	`title` text,
	`url` text,
	`comment_count` integer DEFAULT 0 NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `threads_site_key` ON `threads` (`site_id`,`key`);