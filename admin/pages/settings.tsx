import { useEffect, useState } from 'preact/hooks'
import type { RefusedOriginsAnswer, ServerInfo, SiteRef } from '../../shared/admin.ts'
import { REWARD_DEFAULTS } from '../../shared/defaults.ts'
import type { RewardSettings } from '../../shared/reward.ts'
import { labelIsCustom, offerLabel } from '../../shared/reward-label.ts'
import type { AdminSite, AntiAbuse } from '../../shared/site.ts'
import { EMAIL_RETENTION_DAYS } from '../../shared/values.ts'
import { LANGS } from '../../widget/strings.ts'
import { ApiError, call, get } from '../api.ts'
import type { User } from '../app.tsx'
import { CURRENCIES, LANGUAGES, REGIONS } from '../locales.ts'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters } from '../use-page.ts'

type Site = AdminSite

/** The reward's labelCustom said once on loading (a reward saved before the flag), so the label follows the value as the owner types. */
const withLabelFlag = (site: Site): Site => (site.reward ? { ...site, reward: { ...site.reward, labelCustom: labelIsCustom(site.reward, site.locale) } } : site)

/** What a field's reason code means, in words; a reason not here is shown as it is. */
const REASONS: Record<string, string> = {
  required: 'Required.',
  invalid: 'Not valid.',
  too_long: 'Too long.',
  too_short: 'Too short.',
  invalid_url: 'Not a web address.',
  percent_or_amount: 'Choose one: a percent or an amount off, not both.',
  currency_required: 'An amount off needs its currency.',
  value_needed: 'Give a percent or an amount off, or write what readers get yourself.',
  unknown_currency: 'Not a currency of ISO 4217.',
  unknown_locale: 'Choose a language (and region) from the list.',
  needs_email: 'This server cannot send email (SMTP_URL is not set).',
}

export function SettingsPage({ user, sites, server }: { user: User; sites: SiteRef[]; server: ServerInfo }) {
  const [siteId, setSiteId] = useState(initialFilters(['site'] as const).site || sites[0]?.id || '')
  const [site, setSite] = useState<Site | null>(null)
  // The origins as typed: a line being written (or an empty one after Enter) stays as it is until saved.
  const [originsText, setOriginsText] = useState('')
  const [refused, setRefused] = useState<RefusedOriginsAnswer['items']>([])
  const [fields, setFields] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const readOnly = user.role !== 'owner'

  useEffect(() => {
    const id = siteId || sites[0]?.id
    if (!id) return
    history.replaceState(null, '', `${location.pathname}?site=${encodeURIComponent(id)}`)
    get<Site>(`/sites/${encodeURIComponent(id)}`).then((loaded) => {
      setSite(withLabelFlag(loaded))
      setOriginsText(loaded.origins.join('\n'))
    })
    get<RefusedOriginsAnswer>(`/sites/${encodeURIComponent(id)}/refused-origins`).then(
      (r) => setRefused(r.items),
      () => setRefused([]),
    )
  }, [siteId, sites])

  if (!site) return <p>Loading…</p>
  const reward = site.reward
  // A reward turned on for the first time is worded from its value.
  const setReward = (patch: Partial<RewardSettings>) => setSite({ ...site, reward: { ...(reward ?? { ...REWARD_DEFAULTS, labelCustom: false }), ...patch } })
  const num = (v: string) => (v === '' ? undefined : Number(v))
  const err = (k: string) => fields[k] && <small class="error">{REASONS[fields[k]] ?? fields[k]}</small>
  // The offer follows the value as the owner types, unless they wrote their own words.
  const custom = reward ? labelIsCustom(reward, site.locale) : false
  const worded = reward ? offerLabel(reward, site.locale) : null
  const both = reward?.percentOff !== undefined && reward?.amountOff !== undefined
  const [language, region = ''] = site.locale.split('-')

  const save = async (e: Event) => {
    e.preventDefault()
    const { id, ...settings } = site
    if (settings.reward && !labelIsCustom(settings.reward, site.locale)) {
      settings.reward = { ...settings.reward, label: offerLabel(settings.reward, site.locale) ?? settings.reward.label, labelCustom: false }
    }
    const origins = originsText
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
    try {
      const saved = await call<Site>('PUT', `/sites/${encodeURIComponent(id)}`, { ...settings, origins })
      setSite(withLabelFlag(saved))
      setOriginsText(saved.origins.join('\n'))
      setFields({})
      setNotice('Saved. The widget shows the change within a minute.')
    } catch (e) {
      if (e instanceof ApiError) {
        setFields(e.body.fields ?? {})
        setNotice(e.body.message)
      }
    }
  }

  return (
    <section aria-labelledby="settings-title">
      <div class="title-row">
        <h1 id="settings-title">Settings</h1>
        <SiteSelect sites={sites} value={site.id} onChange={setSiteId} />
      </div>
      {readOnly && <p class="notice">Only an owner can change settings.</p>}
      {!server.canEmail && (
        <p class="warning" role="note">
          This server cannot send email (SMTP_URL is not set). Codes can only be shown at once in the widget: holding comments for approval, issuing on approval
          or delivering by email would leave readers without their code, so those settings are refused until SMTP_URL is set.
        </p>
      )}
      <form class="settings" onSubmit={save}>
        <fieldset disabled={readOnly}>
          <legend>Site</legend>
          <label>
            Name
            <input value={site.name} onInput={(e) => setSite({ ...site, name: e.currentTarget.value })} required />
          </label>
          <label>
            Allowed origins (one per line; https://*.example.com for every subdomain)
            <textarea rows={3} value={originsText} onInput={(e) => setOriginsText(e.currentTarget.value)} />
            {Object.keys(fields).some((k) => k.startsWith('origins')) && <small class="error">Each origin is a URL such as https://blog.example.com</small>}
          </label>
          {refused.length > 0 && !readOnly && (
            <div class="suggest">
              <p>The widget was refused on these pages lately. Is one of them your blog?</p>
              <ul class="plain">
                {refused.map((r) => (
                  <li key={r.origin}>
                    <code>{r.origin}</code> <small>{r.count} times</small>{' '}
                    <button type="button" onClick={() => setOriginsText(`${originsText.trim()}\n${r.origin}`.trim())}>
                      Allow it
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <label>
            Moderation
            <select value={site.moderation} onChange={(e) => setSite({ ...site, moderation: e.currentTarget.value as 'auto' | 'pre' })}>
              <option value="auto">Publish at once</option>
              <option value="pre">Hold every comment for approval</option>
            </select>
          </label>
          <label>
            Which pages take comments
            <select
              value={site.posts.check}
              onChange={(e) => setSite({ ...site, posts: { ...site.posts, check: e.currentTarget.value as Site['posts']['check'] } })}
            >
              <option value="page">Posts that embed the widget</option>
              <option value="listed">Only posts I list</option>
              <option value="any">Any page</option>
            </select>
            <small>
              {
                {
                  page: 'Each post’s page is checked once: it is on this site and embeds the widget.',
                  listed: 'Posts added with the CLI, from a sitemap or by an import.',
                  any: 'Any path on this site (not with a reward per post).',
                }[site.posts.check]
              }
            </small>
            {err('posts.check')}
          </label>
          <label>
            Query parameter that names a post (e.g. p for WordPress's ?p=12; empty: none)
            <input
              value={site.posts.queryParam ?? ''}
              onInput={(e) => setSite({ ...site, posts: { ...site.posts, queryParam: e.currentTarget.value.trim() || null } })}
            />
            {err('posts.queryParam')}
          </label>
          <div class="row wide">
            <label>
              Language
              <select value={language} onChange={(e) => setSite({ ...site, locale: region ? `${e.currentTarget.value}-${region}` : e.currentTarget.value })}>
                {LANGUAGES.map((l) => (
                  <option value={l.code}>
                    {l.name} ({l.code}){['en', ...LANGS].includes(l.code) ? '' : ' · widget in English'}
                  </option>
                ))}
              </select>
              {err('locale')}
            </label>
            <label>
              Region (dates and prices)
              <select value={region} onChange={(e) => setSite({ ...site, locale: e.currentTarget.value ? `${language}-${e.currentTarget.value}` : language! })}>
                <option value="">Any</option>
                {REGIONS.map((r) => (
                  <option value={r.code}>{r.name}</option>
                ))}
              </select>
            </label>
          </div>
          <label>
            Keep readers' email addresses
            <select
              value={String(site.emailRetentionDays ?? '')}
              onChange={(e) => setSite({ ...site, emailRetentionDays: (Number(e.currentTarget.value) || null) as Site['emailRetentionDays'] })}
            >
              <option value="">As long as the site exists</option>
              {EMAIL_RETENTION_DAYS.map((d) => (
                <option value={d}>
                  {d / 365} {d === 365 ? 'year' : 'years'} after their last comment
                </option>
              ))}
            </select>
            {err('emailRetentionDays')}
          </label>
        </fieldset>
        <fieldset disabled={readOnly}>
          <legend>Reward</legend>
          <label class="check">
            <input type="checkbox" checked={!!reward?.enabled} onChange={(e) => setReward({ enabled: e.currentTarget.checked })} /> Reward every genuine comment
          </label>
          {reward && (
            <>
              <label>
                How the widget words the offer ({'{label}'} is what readers get; empty: “Comment and get {'{label}'}”)
                <input
                  value={reward.offerText?.[site.locale.slice(0, 2)] ?? ''}
                  placeholder="Comment and get {label}"
                  onInput={(e) => {
                    const { [site.locale.slice(0, 2)]: _, ...others } = reward.offerText ?? {}
                    const text = e.currentTarget.value
                    setReward({ offerText: text ? { ...others, [site.locale.slice(0, 2)]: text } : others })
                  }}
                />
                {err(`reward.offerText.${site.locale.slice(0, 2)}`)}
              </label>
              <label>
                Kind
                <select value={reward.kind} onChange={(e) => setReward({ kind: e.currentTarget.value as RewardSettings['kind'] })}>
                  <option value="generated">Unique codes made by Inkind</option>
                  <option value="static">One shared shop code</option>
                  <option value="pool">Codes imported from the shop</option>
                </select>
              </label>
              {reward.kind === 'static' && (
                <label>
                  Shared code
                  <input value={reward.staticCode ?? ''} onInput={(e) => setReward({ staticCode: e.currentTarget.value.toUpperCase() })} />
                  {err('reward.staticCode')}
                </label>
              )}
              {reward.kind === 'generated' && (
                <label>
                  Code prefix
                  <input value={reward.codePrefix} onInput={(e) => setReward({ codePrefix: e.currentTarget.value.toUpperCase() })} />
                  {err('reward.codePrefix')}
                </label>
              )}
              <div class="row">
                <label>
                  Percent off
                  <input
                    type="number"
                    min={1}
                    max={100}
                    value={reward.percentOff ?? ''}
                    onInput={(e) => setReward({ percentOff: num(e.currentTarget.value) })}
                  />
                  {err('reward.percentOff')}
                </label>
                <label>
                  or amount off
                  <input
                    type="number"
                    min={0}
                    step="0.01"
                    value={reward.amountOff ?? ''}
                    onInput={(e) => setReward({ amountOff: num(e.currentTarget.value) })}
                  />
                  {both ? <small class="error">{REASONS.percent_or_amount}</small> : err('reward.amountOff')}
                </label>
                <label>
                  Currency
                  <select value={reward.currency ?? ''} onChange={(e) => setReward({ currency: e.currentTarget.value || undefined })}>
                    <option value="">—</option>
                    {CURRENCIES.map((c) => (
                      <option value={c.code}>
                        {c.code} · {c.name}
                      </option>
                    ))}
                  </select>
                  {err('reward.currency')}
                </label>
              </div>
              <label>
                What readers get
                <input
                  value={custom ? reward.label : (worded ?? reward.label)}
                  onInput={(e) => setReward({ label: e.currentTarget.value, labelCustom: true })}
                  aria-describedby="label-source"
                />
                {err('reward.label')}
                <small id="label-source" data-label-source={custom ? 'custom' : 'worded'}>
                  {custom ? (
                    <>
                      Your own words: kept when the value changes.{' '}
                      {offerLabel(reward, site.locale) && (
                        <button type="button" class="link" onClick={() => setReward({ label: offerLabel(reward, site.locale)!, labelCustom: false })}>
                          Word it from the value
                        </button>
                      )}
                    </>
                  ) : (
                    'Worded from the value above, in the site’s language. Edit it to write your own.'
                  )}
                </small>
              </label>
              <div class="row">
                <label>
                  Valid for (days, empty: no expiry)
                  <input type="number" min={1} value={reward.validDays ?? ''} onInput={(e) => setReward({ validDays: num(e.currentTarget.value) ?? null })} />
                  {err('reward.validDays')}
                </label>
                <label>
                  Minimum comment length
                  <input
                    type="number"
                    min={0}
                    value={reward.minCommentChars}
                    onInput={(e) => setReward({ minCommentChars: num(e.currentTarget.value) ?? 0 })}
                  />
                </label>
              </div>
              <div class="row wide">
                <label>
                  One reward per reader per
                  <select value={reward.scope} onChange={(e) => setReward({ scope: e.currentTarget.value as 'site' | 'thread' })}>
                    <option value="site">site</option>
                    <option value="thread">post</option>
                  </select>
                </label>
                <label>
                  Issue the code
                  <select value={reward.issueOn} onChange={(e) => setReward({ issueOn: e.currentTarget.value as 'submit' | 'approval' })}>
                    <option value="submit">when the comment is posted</option>
                    <option value="approval">when a moderator approves it</option>
                  </select>
                </label>
                <label>
                  Deliver it
                  <select value={reward.delivery} onChange={(e) => setReward({ delivery: e.currentTarget.value as 'instant' | 'email' })}>
                    <option value="instant">in the widget</option>
                    <option value="email">by email only</option>
                  </select>
                </label>
              </div>
            </>
          )}
        </fieldset>
        <fieldset disabled={readOnly}>
          <legend>Against abuse</legend>
          <p class="hint">A comment caught here is kept under Comments → spam, where you can approve it.</p>
          <div class="row">
            {(
              [
                ['minSecondsOnPage', 'Seconds a person needs to write (0: off)'],
                ['maxLinks', 'Most links in a comment'],
                ['perIpPerMinute', 'Comments per minute from one IP'],
                ['perEmailPerHour', 'Comments per hour from one reader'],
                ['perSitePerMinute', 'Comments per minute on the whole site'],
                ['rewardsPerNetworkPerDay', 'Rewards a day to one network (more wait for you)'],
                ['rewardsPerWideNetworkPerDay', 'Rewards a day to one wide network: IPv4 /24, IPv6 /48'],
                ['rewardsPerDomainPerDay', 'Rewards a day to one uncommon email domain (more wait for you)'],
              ] as [keyof AntiAbuse, string][]
            ).map(([k, label]) => (
              <label>
                {label}
                <input
                  type="number"
                  min={0}
                  value={Number(site.antiAbuse[k])}
                  onInput={(e) => setSite({ ...site, antiAbuse: { ...site.antiAbuse, [k]: Number(e.currentTarget.value) } })}
                />
                {err(`antiAbuse.${k}`)}
              </label>
            ))}
          </div>
          <label>
            Rewards a day on the whole site (more wait for you; empty: no budget)
            <input
              type="number"
              min={1}
              value={site.antiAbuse.rewardBudgetPerDay ?? ''}
              onInput={(e) => setSite({ ...site, antiAbuse: { ...site.antiAbuse, rewardBudgetPerDay: num(e.currentTarget.value) ?? null } })}
            />
            {err('antiAbuse.rewardBudgetPerDay')}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={site.antiAbuse.blockDuplicates}
              onChange={(e) => setSite({ ...site, antiAbuse: { ...site.antiAbuse, blockDuplicates: e.currentTarget.checked } })}
            />{' '}
            Hold the same text posted twice in a post
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={site.antiAbuse.blockDisposableEmail}
              onChange={(e) => setSite({ ...site, antiAbuse: { ...site.antiAbuse, blockDisposableEmail: e.currentTarget.checked } })}
            />{' '}
            Hold comments from throwaway email domains (no reward)
          </label>
        </fieldset>
        {!readOnly && (
          <button class="primary" type="submit">
            Save settings
          </button>
        )}
        <p class="notice" role="status" aria-live="polite">
          {notice}
        </p>
      </form>
      <MyNotifications user={user} canEmail={server.canEmail} />
    </section>
  )
}

/** What the logged-in admin hears of by email; their own, whatever their role. */
function MyNotifications({ user, canEmail }: { user: User; canEmail: boolean }) {
  const [me, setMe] = useState({ notifyHeld: user.notifyHeld, notifyDigest: user.notifyDigest })
  const [saved, setSaved] = useState<string | null>(null)
  const save = async (next: typeof me) => {
    setMe(next)
    try {
      await call<User>('PUT', '/me/notifications', next)
      setSaved('Saved.')
    } catch (e) {
      setSaved(e instanceof ApiError ? e.body.message : 'The server could not be reached.')
    }
  }
  return (
    <form class="settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Your notifications</legend>
        {!canEmail && <p class="hint">This server cannot send email (SMTP_URL is not set): nothing is sent until it can.</p>}
        <label class="check">
          <input type="checkbox" checked={me.notifyHeld} onChange={(e) => save({ ...me, notifyHeld: e.currentTarget.checked })} /> An email for each comment
          held for approval, with a link to approve or reject it
        </label>
        <label class="check">
          <input type="checkbox" checked={me.notifyDigest} onChange={(e) => save({ ...me, notifyDigest: e.currentTarget.checked })} /> A daily digest of new
          comments
        </label>
        {/* Announced, without a second status role on the page (the site settings' own is the page's status). */}
        <p class="notice" aria-live="polite">
          {saved}
        </p>
      </fieldset>
    </form>
  )
}
