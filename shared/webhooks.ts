/**
 * What a webhook receiver gets: one JSON POST per event, signed. Headers:
 * Inkind-Event (the type), Inkind-Delivery (the event id, the same on every
 * retry: ignore duplicates by it), Inkind-Signature `t=<unix seconds>,v1=<hex>`
 * where v1 is HMAC-SHA256 of `<t>.<raw body>` keyed with the webhook's secret.
 */
import { z } from 'zod'
import { OrderTotalAnswer } from './shop.ts'
import { CODE_STATUSES, COMMENT_STATUSES, type WEBHOOK_EVENTS } from './values.ts'

const iso = z.iso.datetime()

const WebhookThread = z.object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable() }).nullable()

export const WebhookComment = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  authorName: z.string(),
  body: z.string(),
  status: z.enum(COMMENT_STATUSES),
  createdAt: iso,
})

/** The owner's own systems get the reader's address: theirs to match an order to a customer. */
export const WebhookReward = z.object({
  code: z.string().nullable(),
  label: z.string(),
  status: z.enum(CODE_STATUSES),
  email: z.string(),
  readerName: z.string().nullable(),
  commentId: z.number().int(),
  issuedAt: iso.nullable(),
  expiresAt: iso.nullable(),
  redeemedAt: iso.nullable(),
  orderRef: z.string().nullable(),
  ...OrderTotalAnswer,
})

const envelope = <E extends (typeof WEBHOOK_EVENTS)[number], D extends z.ZodRawShape>(event: E, data: D) =>
  z.object({
    id: z.string().meta({ description: 'evt_<n>: the same as the Inkind-Delivery header.' }),
    type: z.literal(event),
    site: z.object({ id: z.string(), name: z.string() }),
    createdAt: iso,
    data: z.object({ thread: WebhookThread, ...data }),
  })

export const CommentCreatedEvent = envelope('comment.created', { comment: WebhookComment })
export const RewardIssuedEvent = envelope('reward.issued', { reward: WebhookReward })
export const CodeRedeemedEvent = envelope('code.redeemed', { reward: WebhookReward })

export const WebhookPayload = z.discriminatedUnion('type', [CommentCreatedEvent, RewardIssuedEvent, CodeRedeemedEvent])
export type WebhookPayload = z.infer<typeof WebhookPayload>

/** Each event with its payload, for the API reference's `webhooks` section. */
export const WEBHOOK_PAYLOADS = { 'comment.created': CommentCreatedEvent, 'reward.issued': RewardIssuedEvent, 'code.redeemed': CodeRedeemedEvent } as const
