import { eq } from 'drizzle-orm'
import diff from 'microdiff'
import { offerLabel } from '../../../shared/reward-label.ts'
import { SiteId, SiteSettings, type SiteSettingsInput } from '../../../shared/site.ts'
import { sites } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { forgetSite, type Site, siteFromRow } from './get-site.ts'

/** Creates a site or replaces its settings; the change is audited. */
export async function saveSite(ctx: Ctx, input: { id: string; settings: SiteSettingsInput; actor: Actor }): Promise<Site> {
  const id = SiteId.safeParse(input.id)
  const parsed = SiteSettings.safeParse(input.settings)
  if (!id.success || !parsed.success) {
    const issues = [...(id.success ? [] : id.error.issues.map((i) => ({ ...i, path: ['id'] }))), ...(parsed.success ? [] : parsed.error.issues)]
    throw new DomainError('invalid_input', 'The site settings are not valid.', Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message])))
  }
  const settings = parsed.data
  // The offer follows the value unless the owner wrote their own words.
  if (settings.reward?.labelCustom === false) settings.reward.label = offerLabel(settings.reward, settings.locale) ?? settings.reward.label
  const held = heldWithoutEmail(ctx, settings)
  if (held) {
    throw new DomainError(
      'invalid_input',
      'These settings hold rewards back or send them by email, and this server cannot send email (SMTP_URL is not set): readers would never get their code. Set SMTP_URL, or issue codes at once in the widget.',
      { [held]: 'needs_email' },
    )
  }
  const values = { id: id.data, ...settings }
  const before = await ctx.db.query.sites.findFirst({ where: eq(sites.id, id.data) })
  const changes = before ? settingsChanges(before, settings) : []
  const [[site]] = await ctx.db.batch([
    ctx.db.insert(sites).values(values).onConflictDoUpdate({ target: sites.id, set: settings }).returning(),
    auditEntry(ctx, {
      actor: input.actor,
      action: 'site.saved',
      siteId: id.data,
      subject: id.data,
      // A new site's settings are on its Settings page; a change says what it changed.
      detail: before ? { changes: changes.length ? changes : null } : { created: true },
    }),
  ])
  forgetSite(ctx, id.data)
  return siteFromRow(site!)
}

/** The setting that makes a reward wait for an email this server cannot send, or null. */
function heldWithoutEmail(ctx: Ctx, s: SiteSettings): string | null {
  if (ctx.canEmail || !s.reward?.enabled) return null
  if (s.reward.delivery === 'email') return 'reward.delivery'
  if (s.reward.issueOn === 'approval') return 'reward.issueOn'
  if (s.moderation === 'pre') return 'moderation'
  return null
}

/**
 * What a save changed, setting by setting, for the audit log: `reward.percentOff`
 * from 10 to 15. A list (the origins) is one setting, shown whole before and after.
 */
export function settingsChanges(before: Record<string, unknown> | undefined, after: Record<string, unknown>) {
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v)
  // A group of settings set for the first time (defaults until now) is compared leaf by leaf, not as one blob.
  const old = Object.fromEntries(Object.keys(after).map((k) => [k, before?.[k] ?? (isObject(after[k]) ? {} : null)]))
  const at = (o: unknown, path: (string | number)[]) => path.reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k as string] ?? null, o)
  const seen = new Map<string, { path: string; from: unknown; to: unknown }>()
  for (const d of diff(old, after)) {
    const cut = d.path.findIndex((k) => typeof k === 'number')
    const path = cut === -1 ? d.path : d.path.slice(0, cut)
    const key = path.join('.')
    if (!seen.has(key)) seen.set(key, { path: key, from: at(old, path), to: at(after, path) })
  }
  return [...seen.values()]
}
