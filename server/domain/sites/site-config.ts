import type { SiteConfigAnswer } from '../../../shared/site.ts'
import type { Site } from './get-site.ts'

/** The public face of a site's settings: nothing an owner would not print on their page. */
export function siteConfig(site: Site, server: { canEmail?: boolean }): SiteConfigAnswer {
  const r = site.reward
  return {
    site: { id: site.id, name: site.name, locale: site.locale, moderation: site.moderation, emails: Boolean(server.canEmail) },
    reward: r?.enabled
      ? { label: r.label, delivery: r.delivery, scope: r.scope, minCommentChars: r.minCommentChars, validDays: r.validDays, offerText: r.offerText ?? null }
      : null,
  }
}
