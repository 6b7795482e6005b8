import type { Db } from '../db/client.ts'
import type { PageFetcher } from '../outbound/fetch-page.ts'
import type { OutboundRules } from '../outbound/guarded-fetch.ts'
import type { Caches } from './caches.ts'

/** What every domain verb runs with. Tests hand in a fresh database and a fixed clock. */
export interface Ctx {
  db: Db
  clock: () => Date
  /** This process's caches (createCaches). */
  caches: Caches
  /** SMTP is set up: rewards can reach readers by email (held ones, emailed ones, and a copy of instant ones). */
  canEmail?: boolean
  /** Fetches a blog page for the post check (PostRules "page"); without it, new posts cannot be checked. */
  pages?: PageFetcher
  /** Where webhooks may go: public addresses only, unless WEBHOOKS_ALLOW_PRIVATE. */
  outbound?: OutboundRules
  /** This server's address as readers reach it (PUBLIC_URL): links in emails point here. */
  publicUrl?: string
  /** The id of the request this work serves, for its log lines (a copy of the Ctx per request; see log.ts). */
  requestId?: string
}
