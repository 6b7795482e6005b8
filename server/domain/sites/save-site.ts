import { SiteId, SiteSettings, type SiteSettingsInput } from '../../../shared/site.ts'
import { sites } from '../../db/schema.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { forgetSite, type Site, siteFromRow } from './get-site.ts'

/** Creates a site or replaces its settings; the change is audited. */
export async function saveSite(ctx: Ctx, input: { id: string; settings: SiteSettingsInput; actor: string }): Promise<Site> {
  const id = SiteId.safeParse(input.id)
  const parsed = SiteSettings.safeParse(input.settings)
  if (!id.success || !parsed.success) {
    const issues = [...(id.success ? [] : id.error.issues.map((i) => ({ ...i, path: ['id'] }))), ...(parsed.success ? [] : parsed.error.issues)]
    throw new DomainError(
      'invalid_input',
      'The site settings are not valid.',
      Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message])),
    )
  }
  const settings = parsed.data
  const values = { id: id.data, ...settings }
  const [[site]] = await ctx.db.batch([
    ctx.db.insert(sites).values(values).onConflictDoUpdate({ target: sites.id, set: settings }).returning(),
    auditEntry(ctx, { actor: input.actor, action: 'site.saved', siteId: id.data, subject: id.data, detail: settings }),
  ])
  forgetSite(ctx, id.data)
  return siteFromRow(site!)
}
