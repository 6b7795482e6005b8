import { z } from 'zod'
import { LIMITS } from './limits.ts'
import { RewardSettings } from './reward.ts'
import { cleanLine } from './text.ts'
import { DELIVERY_MODES, EMAIL_RETENTION_DAYS, MODERATION_MODES, POST_CHECKS, REWARD_SCOPES } from './values.ts'

export const SiteId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes')
  .max(LIMITS.siteId)

/**
 * An origin as browsers send it: scheme://host[:port], nothing after. A
 * leading `*.` names every subdomain: `https://*.example.com`.
 */
export const Origin = z
  .string()
  .trim()
  .url()
  .transform((value, ctx) => {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'an origin is http or https' })
      return z.NEVER
    }
    if (url.hostname.includes('*') && !/^\*\.[^*]+\.[^*]+$/.test(url.hostname)) {
      ctx.addIssue({ code: 'custom', message: 'a wildcard is *.example.com: every subdomain of a domain' })
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
  /** Comments per minute from one client network (an IPv4 address, or an IPv6 /64: one household or one host). */
  perIpPerMinute: z.number().int().min(1).max(1_000_000).default(10),
  perEmailPerHour: z.number().int().min(1).max(1_000_000).default(20),
  perSitePerMinute: z.number().int().min(1).max(10_000_000).default(600),
  /** Rewards per day to one client network; beyond it a reward waits for the owner (pending "review"). */
  rewardsPerNetworkPerDay: z.number().int().min(1).max(1_000_000).default(3),
  /** Rewards per day to one wide network (an IPv4 /24, an IPv6 /48: what one customer can get many networks of). */
  rewardsPerWideNetworkPerDay: z.number().int().min(1).max(1_000_000).default(10),
  /** Rewards per day to addresses at one email domain that is not a common mail provider (pending "review" beyond). */
  rewardsPerDomainPerDay: z.number().int().min(1).max(1_000_000).default(5),
  /** Rewards per day on the whole site; beyond it they wait for the owner (pending "budget"). null: no budget. */
  rewardBudgetPerDay: z.number().int().min(1).max(10_000_000).nullable().default(200),
  /** Code lookups and redemptions one shop API key may make; unknown codes count against a tenth of it. */
  shopRequestsPerMinute: z.number().int().min(10).max(10_000_000).default(600),
})
export type AntiAbuse = z.infer<typeof AntiAbuse>
export const ANTI_ABUSE_DEFAULTS: AntiAbuse = AntiAbuse.parse({})

/**
 * Which pages can have a thread. A thread is created by its first comment, and
 * only for a post that exists: `page` (default) checks once that the page is on
 * one of the site's origins and embeds this site; `listed` takes only posts the
 * owner registered (CLI, sitemap, import); `any` takes any path (not with
 * per-post rewards). `queryParam` names a query parameter that identifies a
 * post (WordPress's `p`), kept in the thread key.
 */
export const PostRules = z.object({
  check: z.enum(POST_CHECKS).default('page'),
  queryParam: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/)
    .nullable()
    .default(null),
})
export type PostRules = z.infer<typeof PostRules>
export const POST_RULES_DEFAULTS: PostRules = PostRules.parse({})

/** Days a reader's email is kept after their last comment; null: as long as the site exists. */
export const EmailRetentionDays = z
  .union(EMAIL_RETENTION_DAYS.map((d) => z.literal(d)))
  .nullable()
  .meta({
    description: 'Days a reader’s email is kept after their last comment (365 or 730); null: as long as the site exists. A daily job erases older ones.',
  })

/** A language Intl can name (`de`), with a region it can name if any (`de-AT`). */
function isKnownLocale(locale: string): boolean {
  const [language, region] = locale.split('-')
  const name = (type: 'language' | 'region', code: string) => new Intl.DisplayNames(['en'], { type, fallback: 'none' }).of(code)
  return Boolean(name('language', language!) && (!region || name('region', region)))
}

/** The settings an owner controls; the whole object is stored and validated as one. */
export const SiteSettings = z
  .object({
    name: z.string().transform(cleanLine).pipe(z.string().min(1).max(120)),
    origins: z.array(Origin).max(50).default([]),
    moderation: z.enum(MODERATION_MODES).default('auto'),
    locale: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/)
      .refine(isKnownLocale, { message: 'a language (and region) that exists', params: { reason: 'unknown_locale' } })
      .default('en'),
    reward: RewardSettings.nullable(),
    antiAbuse: AntiAbuse.default(ANTI_ABUSE_DEFAULTS),
    posts: PostRules.default(POST_RULES_DEFAULTS),
    emailRetentionDays: EmailRetentionDays.default(null),
  })
  .refine((s) => s.reward?.scope !== 'thread' || s.posts.check !== 'any', {
    path: ['posts', 'check'],
    message: 'a reward per post needs posts that are checked or listed',
  })
export type SiteSettings = z.infer<typeof SiteSettings>
export type SiteSettingsInput = z.input<typeof SiteSettings>

/** A site as the admin reads and writes it: its settings, every one filled in. */
export const AdminSite = z
  .object({
    id: SiteId,
    name: z.string(),
    origins: z.array(z.string()),
    moderation: z.enum(MODERATION_MODES),
    locale: z.string(),
    reward: RewardSettings.nullable(),
    antiAbuse: AntiAbuse,
    posts: PostRules,
    emailRetentionDays: EmailRetentionDays,
  })
  .meta({ id: 'Site' })
export type AdminSite = z.infer<typeof AdminSite>

/** GET /api/v1/sites/:site/config — what the widget needs before it renders. */
export const SiteConfigAnswer = z
  .object({
    site: z.object({
      id: z.string(),
      name: z.string(),
      locale: z.string(),
      moderation: z.enum(MODERATION_MODES),
      emails: z.boolean().meta({ description: 'This server sends email: readers may ask to hear of replies, and for their data.' }),
    }),
    reward: z
      .object({
        label: z.string(),
        delivery: z.enum(DELIVERY_MODES),
        scope: z.enum(REWARD_SCOPES),
        minCommentChars: z.number(),
        validDays: z.number().nullable(),
        offerText: z
          .record(z.string(), z.string())
          .nullable()
          .meta({ description: 'The owner’s wording of the offer per language, `{label}` standing for the reward.' }),
      })
      .nullable(),
  })
  .meta({ id: 'SiteConfigAnswer' })
export type SiteConfigAnswer = z.infer<typeof SiteConfigAnswer>
