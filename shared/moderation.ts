/**
 * The moderation tools' requests and answers: decisions on many comments at
 * once (and undoing them), a moderator's edit, blocks, and closing posts.
 * Types only in the admin app, like shared/admin.ts.
 */
import { z } from 'zod'
import { Cursor, PostCommentBody, ThreadKey } from './comments.ts'
import { LIMITS } from './limits.ts'
import { BLOCK_ACTIONS, BLOCK_KINDS, CODE_STATUSES, COMMENT_STATUSES, MODERATION_ACTIONS, THREAD_SOURCES } from './values.ts'

const iso = z.iso.datetime()
const id = z.number().int().positive()
const limit = z.coerce.number().int().min(1).max(200).default(50)

/** At most this many comments in one decision: a page of the queue. */
export const MAX_DECISION = 200
/** A decision can be undone for this long (the admin app offers it for a few seconds). */
export const UNDO_WINDOW_MS = 10 * 60_000

/** POST /comments/decisions: one action on many comments, in one transaction. */
export const DecisionBody = z
  .object({
    ids: z
      .array(id)
      .min(1)
      .max(MAX_DECISION)
      .refine((ids) => new Set(ids).size === ids.length, 'each comment once')
      .meta({ description: `The comments, at most ${MAX_DECISION}.` }),
    action: z.enum(MODERATION_ACTIONS),
  })
  .meta({ id: 'DecisionBody' })
export type DecisionBody = z.infer<typeof DecisionBody>

const RewardState = z.object({ status: z.enum(CODE_STATUSES), code: z.string().nullable() })

export const DecisionAnswer = z
  .object({
    undo: z
      .object({ id: z.string(), until: iso })
      .nullable()
      .meta({ description: 'Pass `id` to …/decisions/{id}/undo before `until`; null when the decision changed nothing.' }),
    comments: z.array(
      z.object({
        id: z.number().int(),
        status: z.enum(COMMENT_STATUSES),
        changed: z.boolean().meta({ description: 'false: it already had this status, or another moderator decided first.' }),
        reward: RewardState.nullable().meta({ description: 'The reader’s reward for this comment after the decision.' }),
      }),
    ),
    stillValid: z
      .array(z.object({ commentId: z.number().int(), authorName: z.string(), code: z.string() }))
      .meta({ description: 'Comments taken down whose reader still holds a valid code: revoke them with …/decisions/{id}/revoke-codes.' }),
  })
  .meta({ id: 'DecisionAnswer' })
export type DecisionAnswer = z.infer<typeof DecisionAnswer>

export const DecisionParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) })

export const UndoAnswer = z
  .object({
    restored: z.number().int().meta({ description: 'Comments put back as they were, with their rewards.' }),
    skipped: z.number().int().meta({ description: 'Comments changed again since, by anyone: left as they are now.' }),
  })
  .meta({ id: 'UndoAnswer' })
export type UndoAnswer = z.infer<typeof UndoAnswer>

export const RevokeCodesAnswer = z
  .object({ revoked: z.array(z.string()).meta({ description: 'The codes revoked; undoing the decision makes them valid again.' }) })
  .meta({ id: 'RevokeCodesAnswer' })
export type RevokeCodesAnswer = z.infer<typeof RevokeCodesAnswer>

/** PATCH /comments/:id: a moderator changes a comment's text. */
export const ModeratorEditBody = z.object({ body: PostCommentBody.shape.body }).meta({ id: 'ModeratorEditBody' })
export const ModeratorEditAnswer = z
  .object({ id: z.number().int(), body: z.string(), editedAt: iso })
  .meta({ id: 'ModeratorEditAnswer', description: 'The comment as it now reads; readers see it marked edited.' })
export type ModeratorEditAnswer = z.infer<typeof ModeratorEditAnswer>

const action = z
  .enum(BLOCK_ACTIONS)
  .default('refuse')
  .meta({ description: '`refuse`: the comment is answered `403 blocked`; `hold`: it waits for a moderator.' })
const note = z.string().trim().max(200).optional()
const fromComment = id.optional().meta({ description: 'Take the value from this comment (its address, domain or network).' })

/** POST /sites/:site/blocks. */
export const BlockBody = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('email'), value: z.string().trim().max(LIMITS.email).pipe(z.email()).optional(), commentId: fromComment, action, note }),
    z.object({
      kind: z.literal('domain'),
      value: z
        .string()
        .trim()
        .toLowerCase()
        .transform((d) => d.replace(/^[@*.]+/, ''))
        .pipe(z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z0-9-]{2,63}$/, 'a domain such as example.com'))
        .optional(),
      commentId: fromComment,
      action,
      note,
    }),
    z.object({
      kind: z.literal('network'),
      value: z
        .string()
        .regex(/^[A-Za-z0-9_-]{8,32}$/)
        .optional()
        .meta({ description: 'A network as the farming signals name it (its keyed hash).' }),
      commentId: fromComment,
      wide: z.boolean().default(false).meta({ description: 'With commentId: the wide network around it (an IPv4 /24, an IPv6 /48).' }),
      action,
      note,
    }),
    z.object({ kind: z.literal('word'), value: z.string().trim().min(2).max(100), action, note }),
  ])
  .refine((b) => b.kind === 'word' || b.value !== undefined || b.commentId !== undefined, { path: ['value'], message: 'a value, or a commentId' })
  .meta({ id: 'BlockBody' })
export type BlockBody = z.input<typeof BlockBody>

export const Block = z
  .object({
    id: z.number().int(),
    kind: z.enum(BLOCK_KINDS),
    value: z.string().meta({ description: 'The normalized address, the domain, the network’s keyed hash, or the word.' }),
    action: z.enum(BLOCK_ACTIONS),
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: iso,
  })
  .meta({ id: 'Block' })
export type Block = z.infer<typeof Block>

export const BlocksQuery = z.object({ cursor: Cursor.optional(), limit })

export const PostsQuery = z.object({
  q: z.string().trim().max(200).optional().meta({ description: 'Part of a post’s path or title.' }),
  thread: z.string().max(LIMITS.threadKey).optional().meta({ description: 'One post, by its thread key.' }),
  closed: z.enum(['true', 'false']).optional(),
  cursor: Cursor.optional(),
  limit,
})

export const AdminPost = z
  .object({
    key: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    source: z.enum(THREAD_SOURCES).nullable(),
    comments: z.number().int().meta({ description: 'Published comments.' }),
    pending: z.number().int().meta({ description: 'Comments waiting for a moderator.' }),
    closedAt: iso.nullable().meta({ description: 'Set: the post takes no new comments.' }),
    createdAt: iso,
  })
  .meta({ id: 'AdminPost' })
export type AdminPost = z.infer<typeof AdminPost>

/** POST /sites/:site/posts/close and …/open. */
export const PostStateBody = z.object({ thread: ThreadKey }).meta({ id: 'PostStateBody' })
export const PostStateAnswer = z.object({ key: z.string(), closedAt: iso.nullable() }).meta({ id: 'PostStateAnswer' })
export type PostStateAnswer = z.infer<typeof PostStateAnswer>
