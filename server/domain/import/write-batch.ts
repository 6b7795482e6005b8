/**
 * One batch of an import as statements of one transaction. Each list goes to
 * SQLite as one JSON parameter, unpacked by json_each, so a batch is a handful
 * of statements whatever its size. Every insert is ON CONFLICT DO NOTHING: a
 * comment already here (its import key, or for an Inkind export the comment it
 * came from) is left as it is, so a second import adds nothing.
 */
import { sql } from 'drizzle-orm'
import type { ExportReward } from '../../../shared/moving.ts'
import type { RewardKind } from '../../../shared/values.ts'
import type { Db } from '../../db/client.ts'
import { namedBatch } from '../../db/named-batch.ts'

export interface ThreadRow {
  key: string
  title: string | null
  url: string | null
  source: string | null
  createdAt: string
}

export interface CommentRow {
  key: string
  thread: string
  authorName: string
  email: string
  readerKey: string
  body: string
  status: string
  flag: string | null
  bodyHash: string
  createdAt: string
  /** For `inkind:<nonce>` keys: the comment as it was posted on the Inkind server it came from. */
  nonce: string | null
}

export type RewardRow = Omit<ExportReward, 'type'> & { codeKey: string | null; nonce: string | null }

export interface Batch {
  threads: Map<string, ThreadRow>
  /** Threads to create even without a comment (an Inkind export's). */
  kept: Set<string>
  comments: CommentRow[]
  /** [import key, parent's import key, 1 if skipped]. */
  links: [string, string | null, 0 | 1][]
  rewards: RewardRow[]
  /** [code, code key, claim, imported at]. */
  pool: [string, string, string | null, string][]
}

export const emptyBatch = (): Batch => ({ threads: new Map(), kept: new Set(), comments: [], links: [], rewards: [], pool: [] })

/** A comment posted on an Inkind server is exported as `inkind:<its nonce>`. */
export const inkindNonce = (key: string) => (key.startsWith('inkind:') ? key.slice('inkind:'.length) : null)

export interface Thanks {
  kind: RewardKind
  scope: 'site' | 'thread'
  label: string
}

/** `thanksKeys`: every comment of the batch, new or already here, so asking for thanks on a second import still records them. */
export async function writeBatch(db: Db, input: { siteId: string; run: string; at: string; batch: Batch; thanks: Thanks | null; thanksKeys: string[] }) {
  const { siteId, run, at, batch } = input
  const threads = JSON.stringify([...batch.threads.values()].map((t) => [t.key, t.title, t.url, t.source, t.createdAt]))
  const comments = JSON.stringify(
    batch.comments.map((c) => [c.key, c.thread, c.authorName, c.email, c.readerKey, c.body, c.status, c.flag, c.bodyHash, c.createdAt, c.nonce]),
  )
  const keys = JSON.stringify(input.thanksKeys)
  const threadKeys = JSON.stringify([...batch.threads.keys()])
  const v = (i: number) => sql.raw(`json_extract(j.value, '$[${i}]')`)

  const results = await namedBatch(db, {
    threads: db.run(sql`
      insert into threads (site_id, key, title, url, source, comment_count, revision, created_at)
      select ${siteId}, ${v(0)}, ${v(1)}, ${v(2)}, ${v(3)}, 0, 0, ${v(4)} from json_each(${threads}) j where true
      on conflict (site_id, key) do update set
        title = coalesce(threads.title, excluded.title), url = coalesce(threads.url, excluded.url), source = coalesce(threads.source, excluded.source)`),
    comments: db.all(sql`
      insert into comments (site_id, thread_id, author_name, email, reader_key, body, status, flag, body_hash, import_key, created_at)
      select ${siteId}, t.id, ${v(2)}, ${v(3)}, ${v(4)}, ${v(5)}, ${v(6)}, ${v(7)}, ${v(8)}, ${v(0)}, ${v(9)}
      from json_each(${comments}) j join threads t on t.site_id = ${siteId} and t.key = ${v(1)}
      where ${v(10)} is null or not exists (select 1 from comments x where x.nonce = ${v(10)} and x.site_id = ${siteId})
      order by j.key
      on conflict do nothing
      returning status`),
    links: db.run(sql`
      insert into import_links (run, site_id, import_key, parent_key, skipped, created_at)
      select ${run}, ${siteId}, ${v(0)}, ${v(1)}, ${v(2)}, ${at} from json_each(${JSON.stringify(batch.links)}) j where true
      on conflict do nothing`),
    rewards: batch.rewards.length ? db.all(restoreRewards(siteId, batch.rewards)) : undefined,
    pool: batch.pool.length
      ? db.all(sql`
      insert into code_pool (site_id, code, code_key, claim, imported_at)
      select ${siteId}, ${v(0)}, ${v(1)}, ${v(2)}, ${v(3)} from json_each(${JSON.stringify(batch.pool)}) j where true
      on conflict do nothing returning id`)
      : undefined,
    // The readers of published imported comments, once each, as already thanked (see thankedRewards).
    thanks: input.thanks && input.thanksKeys.length ? db.all(thankedRewards(siteId, keys, input.thanks)) : undefined,
    counts: db.run(sql`
      update threads set
        comment_count = (select count(*) from comments c where c.thread_id = threads.id and c.status = 'published'),
        revision = revision + 1
      where site_id = ${siteId} and key in (select value from json_each(${threadKeys}))`),
  })
  const inserted = results.comments as { status: string }[]
  // A step left out has no result of its own.
  const rows = (step: unknown, ran: boolean) => (ran ? (step as unknown[]).length : 0)
  return {
    imported: inserted.length,
    pending: inserted.filter((c) => c.status === 'pending').length,
    rewards: rows(results.rewards, batch.rewards.length > 0),
    pool: rows(results.pool, batch.pool.length > 0),
    thanked: rows(results.thanks, Boolean(input.thanks && input.thanksKeys.length)),
  }
}

/**
 * `--count-as-rewarded`: a past commenter already had their thanks. Recorded as
 * what "one reward per reader" already means: a reward row in the reader's scope
 * (so the unique index rewards_one_per_reader turns down a second one, across
 * processes, like any reward), with status `revoked`, no code and no issue date:
 * the shop finds nothing to redeem, stats count nothing issued, the Codes page
 * lists it under revoked with THANKED_LABEL, and the reader's next comment hears
 * "you already have yours". Not pending: pending rewards are released by owners.
 */
function thankedRewards(siteId: string, keys: string, thanks: Thanks) {
  return sql`
    insert into rewards (site_id, reader_key, scope_key, thread_id, comment_id, email, kind, status, label, created_at)
    select c.site_id, c.reader_key, case when ${thanks.scope} = 'thread' then t.key else '' end, c.thread_id, c.id, c.email,
      ${thanks.kind}, 'revoked', ${thanks.label}, c.created_at
    from comments c join threads t on t.id = c.thread_id
    where c.site_id = ${siteId} and c.import_key in (select value from json_each(${keys})) and c.status = 'published' and c.email <> ''
    order by c.created_at
    on conflict do nothing
    returning id`
}

/** Rewards of an Inkind export, on the comment and thread they name by key. */
function restoreRewards(siteId: string, rewards: RewardRow[]) {
  const r = (field: keyof RewardRow) => sql.raw(`json_extract(j.value, '$.${field}')`)
  return sql`
    insert into rewards (site_id, reader_key, scope_key, thread_id, comment_id, email, kind, status, pending_reason, network_key,
      wide_network_key, email_domain, code, code_key, label, issued_at, expires_at, redeemed_at, order_ref, order_total, order_currency, created_at)
    select ${siteId}, ${r('readerKey')}, ${r('scopeKey')}, t.id, c.id, ${r('email')}, ${r('kind')}, ${r('status')}, ${r('pendingReason')},
      ${r('networkKey')}, ${r('wideNetworkKey')}, ${r('emailDomain')}, ${r('code')}, ${r('codeKey')}, ${r('label')}, ${r('issuedAt')},
      ${r('expiresAt')}, ${r('redeemedAt')}, ${r('orderRef')}, ${r('orderTotal')}, ${r('orderCurrency')}, ${r('createdAt')}
    from json_each(${JSON.stringify(rewards)}) j
    join threads t on t.site_id = ${siteId} and t.key = ${r('thread')}
    join comments c on c.id = coalesce(
      (select id from comments where site_id = ${siteId} and import_key = ${r('comment')}),
      (select id from comments where site_id = ${siteId} and nonce = ${r('nonce')}))
    where true
    on conflict do nothing
    returning id`
}

/** A dry run's question: which of these comments are here already? */
export async function presentKeys(db: Db, siteId: string, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set()
  const json = JSON.stringify(keys)
  const rows = (await db.all(sql`
    select import_key as k from comments where site_id = ${siteId} and import_key in (select value from json_each(${json}))
    union all
    select 'inkind:' || nonce from comments
    where site_id = ${siteId} and nonce in (select substr(value, 8) from json_each(${json}) where value like 'inkind:%')`)) as { k: string }[]
  return new Set(rows.map((r) => r.k))
}

/** Which of these thread keys the site has already. */
export async function existingThreads(db: Db, siteId: string, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set()
  const rows = (await db.all(sql`select key from threads where site_id = ${siteId} and key in (select value from json_each(${JSON.stringify(keys)}))`)) as {
    key: string
  }[]
  return new Set(rows.map((r) => r.key))
}
