ALTER TABLE `comments` ADD `body_hash` text;--> statement-breakpoint
CREATE INDEX `comments_duplicate` ON `comments` (`thread_id`,`body_hash`);--> statement-breakpoint
ALTER TABLE `sites` ADD `anti_abuse` text;