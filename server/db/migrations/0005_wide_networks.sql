ALTER TABLE `rewards` ADD `wide_network_key` text;--> statement-breakpoint
CREATE INDEX `rewards_wide_network_day` ON `rewards` (`site_id`,`wide_network_key`,`created_at`);