/** The public comment API: what a widget and an index page send and get back. */
import { z } from 'zod'
import { LIMITS } from './limits.ts'
import { RewardAnswer } from './reward.ts'
import { SiteConfigAnswer, SiteId } from './site.ts'
import { cleanBody, cleanLine } from './text.ts'

const line = (max: number, what: string) =>
  z
    .string()
    .transform(cleanLine)
    .pipe(z.string().min(1).max(max))
    .meta({ description: `${what}: one line, at most ${max} characters once trimmed and cleaned.` })

export const ThreadKey = z.string().transform(cleanLine).pipe(z.string().min(1).max(LIMITS.threadKey)).meta({
  description:
    'The post, URL-encoded in the path (e.g. `%2Fblog%2Fmy-post`): a path or a full URL, read in one canonical form (path only, dot segments, duplicate and trailing slashes resolved), so every spelling of a post is one thread.',
})

export const ThreadParams = z.object({ site: SiteId, thread: ThreadKey })
export const SiteParams = z.object({ site: SiteId })

/** POST /api/v1/sites/:site/threads/:thread/comments */
export const PostCommentBody = z
  .object({
    authorName: line(LIMITS.authorName, 'The name shown with the comment'),
    email: z.string().trim().max(LIMITS.email).pipe(z.email()).meta({ description: 'Never shown, never in any public answer: one reader, one reward.' }),
    body: z
      .string()
      .transform(cleanBody)
      .pipe(z.string().min(1).max(LIMITS.body))
      .meta({ description: `Plain text with paragraphs, links and a little markdown (*emphasis*, \`code\`), at most ${LIMITS.body} characters.` }),
    parentId: z.number().int().positive().nullish().meta({ description: 'The published comment of this thread this one replies to.' }),
    title: line(LIMITS.title, 'A hint only').optional(),
    url: z
      .string()
      .max(LIMITS.url)
      .pipe(z.url({ protocol: /^https?$/ }))
      .optional()
      .meta({ description: 'The page the reader is on: where the server checks a new post (on one of the site’s origins). A hint, never shown.' }),
    website: z
      .string()
      .max(LIMITS.url)
      .optional()
      .meta({ description: 'Honeypot: a field people never see. Filled in, the answer looks the same but nothing is published or rewarded.' }),
    elapsedMs: z
      .number()
      .int()
      .min(0)
      .max(1e10)
      .optional()
      .meta({ description: 'Milliseconds the form was on screen before it was sent; missing counts as sent too fast.' }),
    notify: z.boolean().optional().meta({
      description: 'Email me when someone replies. The first time on a site, the address gets a confirmation mail; only a confirmed address is notified.',
    }),
  })
  .meta({ id: 'PostCommentBody' })
export type PostCommentBody = z.input<typeof PostCommentBody>

export const Cursor = z
  .string()
  .regex(/^\d{1,15}$/)
  .meta({ description: 'Where the next page starts: the `nextCursor` of the page before. Anything else is a 400.' })

export const ListCommentsQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize.max).default(LIMITS.pageSize.default),
})

export const CountsQuery = z.object({
  threads: z
    .string()
    .max(LIMITS.countsThreads * (LIMITS.threadKey + 1))
    .transform((s) => [...new Set(s.split(',').map(cleanLine).filter(Boolean))])
    .pipe(z.array(z.string().max(LIMITS.threadKey)).min(1).max(LIMITS.countsThreads))
    .meta({ description: `Up to ${LIMITS.countsThreads} thread keys, comma-separated.` }),
})

export interface PublicComment {
  id: number
  parentId: number | null
  authorName: string
  body: string
  /** ISO 8601, UTC. */
  createdAt: string
  replies?: PublicComment[]
  /** Published replies under this top-level comment beyond those a page shows. */
  moreReplies?: number
  /** Changed by its author after posting. */
  edited?: true
  /** Written by the blog's author (an admin, from the admin app). */
  byAuthor?: true
  /** Deleted, kept as a placeholder (no name, no text) because it has replies. */
  deleted?: true
}
/** A comment as anyone may see it: never an email, an address or another reader's id. */
export const PublicComment: z.ZodType<PublicComment> = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    authorName: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    get replies() {
      return z.array(PublicComment).optional().meta({ description: 'Replies, nested at most two levels; deeper ones join their second-level ancestor.' })
    },
    moreReplies: z.number().int().optional().meta({ description: 'Published replies under this top-level comment beyond the 50 a page shows.' }),
    edited: z.literal(true).optional().meta({ description: 'Changed by its author after posting.' }),
    byAuthor: z.literal(true).optional().meta({ description: 'Written by the blog’s author from the admin: a reader cannot set it, whatever name they give.' }),
    deleted: z
      .literal(true)
      .optional()
      .meta({ description: 'Deleted by its author or a moderator, kept as an empty placeholder because replies hang under it.' }),
  })
  .meta({ id: 'PublicComment' })

export const ListCommentsAnswer = z
  .object({
    thread: z.object({ key: z.string(), title: z.string().nullable(), commentCount: z.number().int() }),
    comments: z.array(PublicComment),
    nextCursor: z.string().nullable().meta({ description: 'Pass back as `cursor` for the next page; null on the last page.' }),
  })
  .meta({ id: 'ListCommentsAnswer' })
export type ListCommentsAnswer = z.infer<typeof ListCommentsAnswer>

export const PostCommentAnswer = z
  .object({
    comment: z.intersection(
      PublicComment,
      z.object({ status: z.enum(['published', 'pending']).meta({ description: '`pending` until a moderator publishes it.' }) }),
    ),
    reward: RewardAnswer.nullable().meta({ description: 'null: rewards are off, or the comment earns none.' }),
    edit: z
      .object({
        token: z.string().meta({ description: 'Keep it in this browser: with it the author may edit or delete the comment until `until`.' }),
        until: z.iso.datetime(),
      })
      .optional()
      .meta({ description: 'Absent for a comment caught as spam.' }),
    notify: z.literal('asked').optional().meta({
      description:
        'Replies will be mailed once the address is confirmed; an address that never confirmed gets a confirmation mail (at most one a day). The same answer for every address, so it tells nobody who subscribed.',
    }),
  })
  .meta({ id: 'PostCommentAnswer' })
export type PostCommentAnswer = z.infer<typeof PostCommentAnswer>

/** POST /api/v1/sites/:site/rewards/resend: a returning reader's code, again, to the address that earned it. */
export const ResendBody = z.object({
  email: z.string().trim().max(LIMITS.email).pipe(z.email()),
  thread: ThreadKey.optional().meta({ description: 'For a reward per post: which post.' }),
})
export const ResendAnswer = z
  .object({
    status: z.literal('queued').meta({ description: 'The same whether or not this address earned a code here: if it did, the code is on its way to it.' }),
  })
  .meta({ id: 'ResendAnswer' })
export type ResendAnswer = z.infer<typeof ResendAnswer>

/** GET /api/v1/sites/:site/threads/:thread: what a widget's first paint needs, in one request. */
export const ThreadView = z.object({ config: SiteConfigAnswer, page: ListCommentsAnswer }).meta({ id: 'ThreadView' })
export type ThreadView = z.infer<typeof ThreadView>

export const CountsAnswer = z
  .object({ counts: z.record(z.string(), z.number().int()).meta({ description: 'Published comments per thread key, under the keys as asked.' }) })
  .meta({ id: 'CountsAnswer' })
export type CountsAnswer = z.infer<typeof CountsAnswer>

/** PATCH /api/v1/sites/:site/comments/:id and DELETE: the author, from the browser that posted it, for a while. */
export const CommentParams = z.object({ site: SiteId, id: z.coerce.number().int().positive() })
const EditToken = z.string().min(16).max(100).meta({ description: 'The `edit.token` the comment’s post answered.' })
export const EditCommentBody = z
  .object({
    token: EditToken,
    body: PostCommentBody.shape.body,
  })
  .meta({ id: 'EditCommentBody' })
export const DeleteCommentBody = z.object({ token: EditToken }).meta({ id: 'DeleteCommentBody' })
export const EditCommentAnswer = z
  .object({ comment: z.intersection(PublicComment, z.object({ status: z.enum(['published', 'pending', 'deleted']) })) })
  .meta({ id: 'EditCommentAnswer' })
export type EditCommentAnswer = z.infer<typeof EditCommentAnswer>

/** POST /api/v1/sites/:site/readers/data-link: a reader asks for a link to their data, by email. */
export const DataLinkBody = z.object({ email: PostCommentBody.shape.email }).meta({ id: 'DataLinkBody' })
