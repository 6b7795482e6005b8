import { z } from 'zod'
import { LIMITS } from './limits.ts'
import type { RewardAnswer } from './reward.ts'
import { cleanBody, cleanLine } from './text.ts'

const line = (max: number) => z.string().transform(cleanLine).pipe(z.string().min(1).max(max))

export const ThreadKey = z.string().transform(cleanLine).pipe(z.string().min(1).max(LIMITS.threadKey))

/** POST /api/v1/sites/:site/threads/:thread/comments */
export const PostCommentBody = z.object({
  authorName: line(LIMITS.authorName),
  email: z.string().trim().max(LIMITS.email).pipe(z.email()),
  body: z.string().transform(cleanBody).pipe(z.string().min(1).max(LIMITS.body)),
  parentId: z.number().int().positive().nullish(),
  title: line(LIMITS.title).optional(),
  url: z
    .string()
    .max(LIMITS.url)
    .pipe(z.url({ protocol: /^https?$/ }))
    .optional(),
  /** Honeypot: a field people never see. Filled in, the comment is kept as spam and earns nothing. */
  website: z.string().max(LIMITS.url).optional(),
  /** Milliseconds the form was on screen before it was sent (the widget measures it). */
  elapsedMs: z.number().int().min(0).max(1e10).optional(),
})
export type PostCommentBody = z.input<typeof PostCommentBody>

export const ListCommentsQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize.max).default(LIMITS.pageSize.default),
})

export const CountsQuery = z.object({
  threads: z
    .string()
    .max(LIMITS.countsThreads * (LIMITS.threadKey + 1))
    .transform((s) => [...new Set(s.split(',').map(cleanLine).filter(Boolean))])
    .pipe(z.array(z.string().max(LIMITS.threadKey)).min(1).max(LIMITS.countsThreads)),
})

export interface PublicComment {
  id: number
  parentId: number | null
  authorName: string
  body: string
  /** ISO 8601, UTC. */
  createdAt: string
  replies?: PublicComment[]
}

export interface ListCommentsAnswer {
  thread: { key: string; title: string | null; commentCount: number }
  comments: PublicComment[]
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null
}

export interface PostCommentAnswer {
  /** `pending` until a moderator publishes it. */
  comment: PublicComment & { status: 'published' | 'pending' }
  reward: RewardAnswer | null
}

export interface CountsAnswer {
  counts: Record<string, number>
}
