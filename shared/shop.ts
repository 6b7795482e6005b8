/** The shop's API: what a checkout sends and gets back. */
import { z } from 'zod'
import type { CodeStatus } from './admin-types.ts'

export const RedeemBody = z.object({
  /** The shop's order reference: the same one again is the same redemption (a checkout retrying). */
  orderRef: z.string().trim().min(1).max(200),
})

export interface CodeCheck {
  code: string
  kind: 'generated' | 'static' | 'pool'
  /** true only for an issued code that has not expired. */
  valid: boolean
  status: CodeStatus
  label: string
  percentOff: number | null
  amountOff: number | null
  currency: string | null
  issuedAt: string | null
  expiresAt: string | null
  redeemedAt: string | null
  orderRef: string | null
}

export interface RedeemAnswer {
  code: string
  status: 'redeemed'
  redeemedAt: string | null
  orderRef: string | null
  /** This orderRef had already redeemed the code: nothing changed. */
  replay: boolean
}

export const ApiKeyBody = z.object({ name: z.string().trim().min(1).max(80) })
export const WebhookBody = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  events: z.array(z.enum(['comment.created', 'reward.issued', 'code.redeemed'])).min(1),
})
