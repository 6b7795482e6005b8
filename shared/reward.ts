import { z } from 'zod'
import { cleanLine } from './text.ts'

/** How a site rewards its commenters. Stored per site, edited in the admin, validated here only. */
export const RewardSettings = z
  .object({
    enabled: z.boolean().default(true),
    /** generated: unique codes made here; static: one shared code; pool: codes imported from the shop. */
    kind: z.enum(['generated', 'static', 'pool']).default('generated'),
    /** What the reader is promised, in the owner's words: "10% off your next order". */
    label: z.string().transform(cleanLine).pipe(z.string().min(1).max(80)),
    percentOff: z.number().int().min(1).max(100).optional(),
    amountOff: z.number().positive().max(1_000_000).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    /** Days a code stays valid after it is issued; null: no expiry. */
    validDays: z.number().int().min(1).max(3650).nullable().default(30),
    codePrefix: z
      .string()
      .regex(/^[A-Z0-9-]{0,12}$/, 'uppercase letters, digits and dashes')
      .default(''),
    staticCode: z
      .string()
      .regex(/^[A-Z0-9-]{3,40}$/)
      .optional(),
    /** One reward per reader per site, or per reader per thread. */
    scope: z.enum(['site', 'thread']).default('site'),
    issueOn: z.enum(['submit', 'approval']).default('submit'),
    delivery: z.enum(['instant', 'email']).default('instant'),
    /** Shorter comments are published but earn nothing; 0 turns the check off. */
    minCommentChars: z.number().int().min(0).max(2000).default(0),
  })
  .refine((r) => r.kind !== 'static' || r.staticCode, {
    path: ['staticCode'],
    message: 'a static reward needs its code',
  })
  .refine((r) => r.amountOff === undefined || r.currency, {
    path: ['currency'],
    message: 'an amount off needs its currency',
  })
export type RewardSettings = z.infer<typeof RewardSettings>

/**
 * Why an earned reward waits: a moderator's approval, an empty code pool, the
 * site's daily reward budget, or the owner's look at a burst from one network
 * or one email domain. Each is issued later (by email) or dropped by the owner.
 */
export const PENDING_REASONS = ['approval', 'pool-empty', 'budget', 'review'] as const
export type PendingReason = (typeof PENDING_REASONS)[number]

/** What the POST answer says about the reader's reward (null: rewards off or the comment earns none). */
export const RewardAnswer = z.discriminatedUnion('status', [
  z.object({ status: z.literal('issued'), code: z.string(), label: z.string(), expiresAt: z.string().nullable() }),
  z.object({ status: z.literal('pending'), reason: z.enum(PENDING_REASONS) }),
  z.object({ status: z.literal('sent'), label: z.string() }),
  z.object({ status: z.literal('already'), label: z.string() }),
])
export type RewardAnswer = z.infer<typeof RewardAnswer>
