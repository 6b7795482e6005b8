/**
 * The per-process caches domain verbs use, made once per process (or per
 * test) and handed in with the Ctx: each is bounded and named here, none hides
 * in a module-level map.
 */
import { LRUCache } from 'lru-cache'
import type { RateLimiterDrizzle } from 'rate-limiter-flexible'
import type { BlockRule } from './blocks/find-block.ts'
import type { SecretName } from './instance/instance-secret.ts'
import type { Site } from './sites/get-site.ts'

/** Site settings are read by every public request and change rarely: another process's change shows within this. */
export const SITE_TTL_MS = 2000

export interface Caches {
  /** Sites by id, known (site) or unknown (null): a flood of made-up ids evicts, never grows. */
  sites: LRUCache<string, { site: Site | null }>
  /** The installation's secrets, read once. */
  secrets: Map<SecretName, Promise<string>>
  /** Rate limiters by prefix and numbers (one per distinct setting in use). */
  limiters: LRUCache<string, RateLimiterDrizzle>
  /** Refused origins noted lately (refused-origins.ts writes each at most once a minute). */
  refusedOrigins: LRUCache<string, true>
  /** Each site's blocks, read by every comment posted: another process's change shows within SITE_TTL_MS. */
  blocks: LRUCache<string, BlockRule[]>
}

export function createCaches(): Caches {
  return {
    sites: new LRUCache({ max: 1000, ttl: SITE_TTL_MS }),
    secrets: new Map(),
    limiters: new LRUCache({ max: 500 }),
    refusedOrigins: new LRUCache({ max: 1000, ttl: 60_000 }),
    blocks: new LRUCache({ max: 1000, ttl: SITE_TTL_MS }),
  }
}
