import { z } from 'zod'
import { LIMITS } from './limits.ts'
import { RewardSettings } from './reward.ts'
import { cleanLine } from './text.ts'

export const SiteId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes')
  .max(LIMITS.siteId)

/** An origin as browsers send it: scheme://host[:port], nothing after. */
export const Origin = z
  .string()
  .url()
  .transform((value, ctx) => {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'an origin is http or https' })
      return z.NEVER
    }
    return url.origin
  })

/**
 * Checks against farming and spam. A comment that fails one is kept as spam
 * for the moderator (who can rescue it), never silently dropped; rate limits
 * answer 429 instead.
 */
export const AntiAbuse = z.object({
  /** Seconds between the widget showing the form and the comment arriving; faster is a bot. 0: off. */
  minSecondsOnPage: z.number().int().min(0).max(600).default(3),
  /** More links than this makes a comment spam. */
  maxLinks: z.number().int().min(0).max(50).default(3),
  /** The same text twice in one thread is spam. */
  blockDuplicates: z.boolean().default(true),
  /** Throwaway email domains (a maintained list) earn no reward and are held as spam. */
  blockDisposableEmail: z.boolean().default(true),
  perIpPerMinute: z.number().int().min(1).max(1_000_000).default(10),
  perEmailPerHour: z.number().int().min(1).max(1_000_000).default(20),
  perSitePerMinute: z.number().int().min(1).max(10_000_000).default(600),
  /** Code lookups and redemptions one shop API key may make; unknown codes count against a tenth of it. */
  shopRequestsPerMinute: z.number().int().min(10).max(10_000_000).default(600),
})
export type AntiAbuse = z.infer<typeof AntiAbuse>
export const ANTI_ABUSE_DEFAULTS: AntiAbuse = AntiAbuse.parse({})

/** The settings an owner controls; the whole object is stored and validated as one. */
export const SiteSettings = z.object({
  name: z.string().transform(cleanLine).pipe(z.string().min(1).max(120)),
  origins: z.array(Origin).max(50).default([]),
  moderation: z.enum(['auto', 'pre']).default('auto'),
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).default('en'),
  reward: RewardSettings.nullable(),
  antiAbuse: AntiAbuse.default(ANTI_ABUSE_DEFAULTS),
})
export type SiteSettings = z.infer<typeof SiteSettings>
export type SiteSettingsInput = z.input<typeof SiteSettings>

/** GET /api/v1/sites/:site/config — what the widget needs before it renders. */
export const SiteConfigAnswer = z.object({
  site: z.object({
    id: z.string(),
    name: z.string(),
    locale: z.string(),
    moderation: z.enum(['auto', 'pre']),
  }),
  reward: z
    .object({
      label: z.string(),
      delivery: z.enum(['instant', 'email']),
      scope: z.enum(['site', 'thread']),
      minCommentChars: z.number(),
      validDays: z.number().nullable(),
    })
    .nullable(),
})
export type SiteConfigAnswer = z.infer<typeof SiteConfigAnswer>
