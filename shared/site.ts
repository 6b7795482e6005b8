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

/** The settings an owner controls; the whole object is stored and validated as one. */
export const SiteSettings = z.object({
  name: z.string().transform(cleanLine).pipe(z.string().min(1).max(120)),
  origins: z.array(Origin).max(50).default([]),
  moderation: z.enum(['auto', 'pre']).default('auto'),
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).default('en'),
  reward: RewardSettings.nullable(),
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
