CREATE TABLE `refused_origins` (
	`site_id` text NOT NULL,
	`origin` text NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`last_seen_at` text NOT NULL,
	PRIMARY KEY(`site_id`, `origin`)
);
--> statement-breakpoint
CREATE INDEX `refused_origins_recent` ON `refused_origins` (`site_id`,`last_seen_at`);