ALTER TABLE `rewards` ADD `order_total` integer;--> statement-breakpoint
ALTER TABLE `rewards` ADD `order_currency` text;