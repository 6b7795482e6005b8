import { z } from 'zod'
import { REWARD_DEFAULTS } from './defaults.ts'
import { Currency } from './shop.ts'
import { cleanLine } from './text.ts'
import { DELIVERY_MODES, ISSUE_ON, PENDING_REASONS, REWARD_KINDS, REWARD_SCOPES } from './values.ts'

/** How a site rewards its commenters. Stored per site, edited in the admin, validated here only. */
export const RewardSettings = z
  .object({
    enabled: z.boolean().default(REWARD_DEFAULTS.enabled),
    /** generated: unique codes made here; static: one shared code; pool: codes imported from the shop. */
    kind: z.enum(REWARD_KINDS).default(REWARD_DEFAULTS.kind),
    /** What the reader is promised: "10% off your next order". */
    label: z.string().transform(cleanLine).pipe(z.string().min(1).max(80)),
    /**
     * true: the label is the owner's own words, kept as written. false: the
     * server words it from the value in the site's language (what is sent is
     * replaced). Absent: as sent (API clients from before the flag).
     */
    labelCustom: z
      .boolean()
      .optional()
      .meta({ description: 'false: `label` is worded from the value in the site’s language when saved; true: the owner’s own words, kept as written.' }),
    percentOff: z.number().int().min(1).max(100).optional(),
    amountOff: z.number().positive().max(1_000_000).optional(),
    currency: Currency.optional(),
    /** Days a code stays valid after it is issued; null: no expiry. */
    validDays: z.number().int().min(1).max(3650).nullable().default(REWARD_DEFAULTS.validDays),
    codePrefix: z
      .string()
      .regex(/^[A-Z0-9-]{0,12}$/, 'uppercase letters, digits and dashes')
      .default(REWARD_DEFAULTS.codePrefix),
    staticCode: z
      .string()
      .regex(/^[A-Z0-9-]{3,40}$/)
      .optional(),
    /** One reward per reader per site, or per reader per thread. */
    scope: z.enum(REWARD_SCOPES).default(REWARD_DEFAULTS.scope),
    issueOn: z.enum(ISSUE_ON).default(REWARD_DEFAULTS.issueOn),
    delivery: z.enum(DELIVERY_MODES).default(REWARD_DEFAULTS.delivery),
    /** The offer as the owner words it, per language (`en`, `de`, …), with `{label}` for the reward: "Comment and get {label}". */
    offerText: z.record(z.string().regex(/^[a-z]{2}$/), z.string().transform(cleanLine).pipe(z.string().min(1).max(200))).optional(),
    /** Shorter comments are published but earn nothing; 0 turns the check off. */
    minCommentChars: z.number().int().min(0).max(2000).default(REWARD_DEFAULTS.minCommentChars),
  })
  .refine((r) => r.kind !== 'static' || r.staticCode, {
    path: ['staticCode'],
    message: 'a static reward needs its code',
  })
  .refine((r) => r.amountOff === undefined || r.currency, {
    path: ['currency'],
    message: 'an amount off needs its currency',
    params: { reason: 'currency_required' },
  })
  .refine((r) => r.percentOff === undefined || r.amountOff === undefined, {
    path: ['amountOff'],
    message: 'choose one: a percent or an amount off, not both',
    params: { reason: 'percent_or_amount' },
  })
  .refine((r) => r.labelCustom !== false || r.percentOff !== undefined || r.amountOff !== undefined, {
    path: ['percentOff'],
    message: 'give a percent or an amount off, or write what readers get',
    params: { reason: 'value_needed' },
  })
export type RewardSettings = z.infer<typeof RewardSettings>

/** What the POST answer says about the reader's reward (null: rewards off or the comment earns none). */
export const RewardAnswer = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('issued'), code: z.string(), label: z.string(), expiresAt: z.iso.datetime().nullable() }),
    z.object({
      status: z.literal('pending'),
      reason: z.enum(PENDING_REASONS).meta({ description: 'Issued later, by email: on approval, when the pool is refilled, or when the owner releases it.' }),
    }),
    z.object({ status: z.literal('sent'), label: z.string().meta({ description: 'Delivered by email only, to the address given.' }) }),
    z.object({
      status: z.literal('already'),
      label: z.string().meta({ description: 'This reader already has one; the code is never shown again to whoever knows an email.' }),
    }),
  ])
  .meta({ id: 'RewardAnswer' })
export type RewardAnswer = z.infer<typeof RewardAnswer>
