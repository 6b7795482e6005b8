/** Moving in and out, for owners: import another system's export (with a dry run first), export a site, export one reader's data. */
import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { EraseReaderAnswer, EraseReaderBody } from '../../../shared/admin.ts'
import { SiteParams } from '../../../shared/comments.ts'
import { ExportQuery, ImportQuery, ImportReport, ReaderExport, ReaderExportQuery } from '../../../shared/moving.ts'
import { SiteId } from '../../../shared/site.ts'
import type { Ctx } from '../../domain/context.ts'
import { DomainError } from '../../domain/errors.ts'
import { exportSite, exportText } from '../../domain/import/export-site.ts'
import { importComments } from '../../domain/import/import-comments.ts'
import type { Bytes } from '../../domain/import/read-bytes.ts'
import { readSource } from '../../domain/import/read-source.ts'
import { parseAddressRules } from '../../domain/import/thread-address.ts'
import { eraseReaderByEmail } from '../../domain/readers/erase-reader.ts'
import { exportReader } from '../../domain/readers/export-reader.ts'
import { getSite } from '../../domain/sites/get-site.ts'
import { doc } from '../openapi.ts'
import { readJson, readParam, readQuery } from '../validate.ts'
import { type AdminEnv, actor, requireRole } from './auth.ts'

/** An upload through the admin; a bigger export goes through the CLI, which streams a file of any size. */
export const IMPORT_UPLOAD_BYTES = 20 * 1024 * 1024
/** Export records are sent in pieces of about this many characters. */
const EXPORT_CHUNK = 64 * 1024
/** What an export file may arrive as: the file itself, gzipped or not. */
const UPLOAD_TYPES = /^(application\/(octet-stream|gzip|x-gzip|xml|json|x-ndjson|x-sqlite3|vnd\.sqlite3)|text\/(plain|xml))\s*(;|$)/i

const tooLarge = () =>
  new DomainError(
    'payload_too_large',
    `The file is over ${IMPORT_UPLOAD_BYTES / 1048576} MB: import it with the CLI (npm run inkind -- import …), which takes any size.`,
  )

/** The upload as it streams in, refused once it passes the limit: never buffered whole. */
async function* upTo(body: Bytes, max: number): AsyncGenerator<Uint8Array> {
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > max) throw tooLarge()
    yield chunk
  }
}

export function movingRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()

  routes.post(
    '/sites/:site/import',
    requireRole('owner'),
    doc({
      id: 'importComments',
      tag: 'Admin: moving',
      summary: 'Import another system’s comments (or an Inkind export)',
      description: `The export file itself is the body (gzipped or not; at most ${IMPORT_UPLOAD_BYTES / 1048576} MB here, the CLI takes any size): a Disqus XML export, a WordPress WXR file, an Isso database, a Remark42 backup, a Commento export, or an Inkind export (which creates the site from its settings if it does not exist). With dryRun=1 nothing is written and the report says what would be. Importing the same file again adds nothing. Imported comments earn no rewards. Audited.`,
      auth: 'owner',
      params: SiteParams,
      query: ImportQuery,
      upload: 'The export file, as it was downloaded.',
      ok: { description: 'What was (or would be) imported, skipped and changed.', schema: ImportReport },
      errors: ['site_not_found', 'internal'],
    }),
    async (c) => {
      const siteId = readParam(c, 'site', SiteId)
      const query = readQuery(c, ImportQuery)
      if (!UPLOAD_TYPES.test(c.req.header('content-type') ?? '')) {
        throw new DomainError('unsupported_media_type', 'Send the export file itself as the body (application/octet-stream).')
      }
      const body = c.req.raw.body
      if (!body) throw new DomainError('invalid_input', 'The request has no file.', { file: 'required' })
      if (Number(c.req.header('content-length') ?? 0) > IMPORT_UPLOAD_BYTES) throw tooLarge()
      const report = await importComments(ctx, {
        siteId,
        source: query.source,
        records: readSource(query.source, upTo(body as unknown as Bytes, IMPORT_UPLOAD_BYTES)),
        rules: parseAddressRules(query.map?.split(/\s+/).filter(Boolean) ?? []),
        dryRun: query.dryRun,
        countAsRewarded: query.countAsRewarded,
        actor: actor(c),
      })
      return c.json(report satisfies ImportReport)
    },
  )

  // Streamed a page of records at a time, waiting for the client to take each: a site of any size never sits in memory.
  routes.get(
    '/sites/:site/export',
    requireRole('owner'),
    doc({
      id: 'exportSite',
      tag: 'Admin: moving',
      summary: 'Export the whole site (streamed)',
      description:
        'A header with the site’s settings, then every thread, comment, reward (with its redemption) and pool code, one JSON record a line (or one JSON array with format=json). Import it into another Inkind server with source=inkind. Audited.',
      auth: 'owner',
      params: SiteParams,
      query: ExportQuery,
      ok: { description: 'The export file.', type: 'application/x-ndjson' },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const site = await getSite(ctx, readParam(c, 'site', SiteId))
      const { format } = readQuery(c, ExportQuery)
      c.header('Content-Type', format === 'json' ? 'application/json; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="inkind-${site.id}-${ctx.clock().toISOString().slice(0, 10)}.${format}"`)
      return stream(c, async (out) => {
        let piece = ''
        for await (const text of exportText(exportSite(ctx, { siteId: site.id, actor: actor(c) }), format)) {
          piece += text
          if (piece.length < EXPORT_CHUNK) continue
          await out.write(piece)
          piece = ''
          if (out.aborted) return
        }
        await out.write(piece)
      })
    },
  )

  routes.get(
    '/readers/export',
    requireRole('owner'),
    doc({
      id: 'exportReader',
      tag: 'Admin: moving',
      summary: 'Everything a site keeps about one reader',
      description: 'For a reader who asks for their data: their comments (every status) and rewards, found by any spelling of their email. Audited.',
      auth: 'owner',
      query: ReaderExportQuery,
      ok: { description: 'The reader’s data, as a file to hand them.', schema: ReaderExport },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const { site, email } = readQuery(c, ReaderExportQuery)
      const data = await exportReader(ctx, { siteId: site, email, actor: actor(c) })
      c.header('Content-Disposition', `attachment; filename="inkind-reader-${site}.json"`)
      return c.json(data satisfies ReaderExport)
    },
  )
  routes.post(
    '/readers/erase',
    requireRole('owner'),
    doc({
      id: 'eraseReader',
      tag: 'Admin: moving',
      summary: 'Delete what a site keeps about one reader',
      description:
        'For a reader who asks the owner: their address is erased everywhere (comments, rewards, notifications, queued mails), their comments kept without a name or taken down. An issued code stays valid for the shop. Audited, without the address.',
      auth: 'owner',
      body: EraseReaderBody,
      ok: { description: 'How many comments and rewards were changed.', schema: EraseReaderAnswer },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const { site, email, how } = await readJson(c, EraseReaderBody)
      return c.json((await eraseReaderByEmail(ctx, { siteId: site, email, how, actor: actor(c) })) satisfies EraseReaderAnswer)
    },
  )
  return routes
}
