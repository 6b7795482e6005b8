import type { PublicComment } from '../../../shared/comments.ts'
import type { comments } from '../../db/schema.ts'

type CommentRow = typeof comments.$inferSelect
type Shown = Pick<CommentRow, 'id' | 'parentId' | 'authorName' | 'body' | 'createdAt'> & Partial<Pick<CommentRow, 'editedAt' | 'adminUserId' | 'status'>>

/**
 * The only way a comment leaves the server in a public answer: no email, no
 * IP, no reader key. A deleted comment shown for its replies' sake is a
 * placeholder with neither name nor text.
 */
export function publicComment(row: Shown): PublicComment {
  if (row.status === 'deleted') return { id: row.id, parentId: row.parentId, authorName: '', body: '', createdAt: row.createdAt, deleted: true }
  return {
    id: row.id,
    parentId: row.parentId,
    authorName: row.authorName,
    body: row.body,
    createdAt: row.createdAt,
    ...(row.editedAt && { edited: true }),
    ...(row.adminUserId != null && { byAuthor: true }),
  }
}
