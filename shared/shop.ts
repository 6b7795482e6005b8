/** The shop's side: what a checkout sends and gets back, and the owner's shop settings (keys, pool, webhooks, deliveries). */
import { z } from 'zod'
import { DECIMAL_AMOUNT, isCurrency, toMinorUnits } from './money.ts'
import { CODE_STATUSES, OUTBOX_CHANNELS, OUTBOX_STATUSES, REWARD_KINDS, WEBHOOK_EVENTS } from './values.ts'

/** A code as a customer typed it: any case, dashes and spaces, O for 0 and I/L for 1. */
export const CodeParam = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .meta({ description: 'The code as the customer typed it: any case, with or without dashes and spaces.' })
export const CodeParams = z.object({ code: CodeParam })

/** A currency of ISO 4217, as its three capital letters. */
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .refine(isCurrency, { message: 'not a currency of ISO 4217', params: { reason: 'unknown_currency' } })
  .meta({ description: 'An ISO 4217 currency code in capitals, e.g. EUR.', example: 'EUR' })

/** What an order came to, with its currency: both or neither, and no more decimals than the currency has. */
export const OrderTotalFields = {
  orderTotal: z.string().regex(DECIMAL_AMOUNT).optional().meta({
    description:
      'What the order came to, for the admin’s revenue stats: a decimal string in the currency’s major unit, not negative, with at most as many decimals as the currency has: "49.90" (EUR), "4990" (JPY). Needs `currency`.',
    example: '49.90',
  }),
  currency: Currency.optional().meta({ description: 'The currency of `orderTotal` (ISO 4217). Needs `orderTotal`.' }),
}
export function checkOrderTotal(b: { orderTotal?: string; currency?: string }, ctx: z.RefinementCtx) {
  if (b.orderTotal !== undefined && b.currency === undefined)
    ctx.addIssue({ code: 'custom', path: ['currency'], message: 'the currency of orderTotal', params: { reason: 'required' } })
  if (b.currency !== undefined && b.orderTotal === undefined)
    ctx.addIssue({ code: 'custom', path: ['orderTotal'], message: 'the order total in that currency', params: { reason: 'required' } })
  if (b.orderTotal !== undefined && b.currency !== undefined && isCurrency(b.currency) && toMinorUnits(b.orderTotal, b.currency) === null) {
    ctx.addIssue({ code: 'custom', path: ['orderTotal'], message: `more decimals than ${b.currency} has`, params: { reason: 'too_many_decimals' } })
  }
}

export const RedeemBody = z
  .object({
    orderRef: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .meta({ description: 'The shop’s order reference: the same one again is the same redemption (a checkout retrying).' }),
    ...OrderTotalFields,
  })
  .superRefine(checkOrderTotal)
  .meta({ id: 'RedeemBody' })

/** An order's total as answers and webhooks carry it: the decimal string and its currency, or both null. */
export const OrderTotalAnswer = {
  orderTotal: z.string().nullable().meta({ description: 'What the order came to, as the shop reported it: a decimal string in `orderCurrency`.' }),
  orderCurrency: z.string().nullable().meta({ description: 'The ISO 4217 currency of `orderTotal`.' }),
}

const iso = z.iso.datetime()

export const CodeCheck = z
  .object({
    code: z.string(),
    kind: z.enum(REWARD_KINDS),
    valid: z.boolean().meta({ description: 'True only for an issued code that has not expired.' }),
    status: z.enum(CODE_STATUSES),
    label: z.string(),
    percentOff: z.number().nullable(),
    amountOff: z.number().nullable(),
    currency: z.string().nullable(),
    issuedAt: iso.nullable(),
    expiresAt: iso.nullable(),
    redeemedAt: iso.nullable(),
    orderRef: z.string().nullable(),
    ...OrderTotalAnswer,
  })
  .meta({ id: 'CodeCheck' })
export type CodeCheck = z.infer<typeof CodeCheck>

export const RedeemAnswer = z
  .object({
    code: z.string(),
    status: z.literal('redeemed'),
    redeemedAt: iso.nullable(),
    orderRef: z.string().nullable(),
    ...OrderTotalAnswer,
    replay: z.boolean().meta({ description: 'This orderRef had already redeemed the code: nothing changed.' }),
  })
  .meta({ id: 'RedeemAnswer' })
export type RedeemAnswer = z.infer<typeof RedeemAnswer>

export const ApiKeyBody = z.object({ name: z.string().trim().min(1).max(80) })
export const ApiKey = z
  .object({
    id: z.number().int(),
    siteId: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters, to tell keys apart.' }),
    createdAt: iso,
    lastUsedAt: iso.nullable(),
    revokedAt: iso.nullable(),
  })
  .meta({ id: 'ApiKey' })
export type ApiKey = z.infer<typeof ApiKey>
export const NewApiKey = ApiKey.extend({ key: z.string().meta({ description: 'Shown this once: only a hash is kept.' }) }).meta({ id: 'NewApiKey' })
export type NewApiKey = z.infer<typeof NewApiKey>

export const WebhookBody = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .meta({ description: 'A public http(s) address: loopback and private networks are refused unless WEBHOOKS_ALLOW_PRIVATE.' }),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
})
export const Webhook = z.object({ id: z.number().int(), url: z.string(), events: z.array(z.enum(WEBHOOK_EVENTS)), createdAt: iso }).meta({ id: 'Webhook' })
export type Webhook = z.infer<typeof Webhook>
export const NewWebhook = Webhook.extend({ secret: z.string().meta({ description: 'The HMAC key of Inkind-Signature, shown this once.' }) }).meta({
  id: 'NewWebhook',
})
export type NewWebhook = z.infer<typeof NewWebhook>

export const DeliveriesQuery = z.object({
  site: z.string().max(64).optional(),
  status: z.enum(OUTBOX_STATUSES).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export const Delivery = z
  .object({
    id: z.number().int(),
    siteId: z.string(),
    channel: z.enum(OUTBOX_CHANNELS),
    event: z.string(),
    target: z.string().meta({ description: 'The webhook’s id, or the reader’s email address.' }),
    subject: z.string(),
    status: z.enum(OUTBOX_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: iso,
    lastError: z.string().nullable(),
    createdAt: iso,
    sentAt: iso.nullable(),
  })
  .meta({ id: 'Delivery' })
export type Delivery = z.infer<typeof Delivery>

/** POST …/code-pool: a CSV as text/csv, or JSON {"csv": "…"} from the admin app. */
export const PoolImportBody = z.object({ csv: z.string() })
export const PoolImportAnswer = z
  .object({
    imported: z.number().int(),
    duplicates: z.number().int(),
    blank: z.number().int(),
    handedOut: z.number().int().meta({ description: 'Readers who were waiting for a code and got one from this import.' }),
  })
  .meta({ id: 'PoolImportAnswer' })
export type PoolImportAnswer = z.infer<typeof PoolImportAnswer>
export const PoolStatus = z
  .object({
    available: z.number().int(),
    handedOut: z.number().int(),
    waiting: z.number().int().meta({ description: 'Readers waiting for a code (pending, pool-empty).' }),
  })
  .meta({ id: 'PoolStatus' })
export type PoolStatus = z.infer<typeof PoolStatus>
