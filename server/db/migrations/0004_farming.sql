CREATE TABLE `instance` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `rewards` ADD `network_key` text;--> statement-breakpoint
ALTER TABLE `rewards` ADD `email_domain` text;--> statement-breakpoint
CREATE INDEX `rewards_network_day` ON `rewards` (`site_id`,`network_key`,`created_at`);--> statement-breakpoint
CREATE INDEX `rewards_domain_day` ON `rewards` (`site_id`,`email_domain`,`created_at`);--> statement-breakpoint
CREATE INDEX `rewards_site_day` ON `rewards` (`site_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `sites` ADD `posts` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `source` text;