import { useEffect, useState } from 'preact/hooks'
import type { RefusedOriginsAnswer, ServerInfo, SiteRef } from '../../shared/admin.ts'
import { REWARD_DEFAULTS } from '../../shared/defaults.ts'
import type { RewardSettings } from '../../shared/reward.ts'
import type { AdminSite, AntiAbuse } from '../../shared/site.ts'
import { EMAIL_RETENTION_DAYS } from '../../shared/values.ts'
import { ApiError, call, get } from '../api.ts'
import type { User } from '../app.tsx'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters } from '../use-page.ts'

type Site = AdminSite

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
      setSite(loaded)
      setOriginsText(loaded.origins.join('\n'))
    })
    get<RefusedOriginsAnswer>(`/sites/${encodeURIComponent(id)}/refused-origins`).then(
      (r) => setRefused(r.items),
      () => setRefused([]),
    )
  }, [siteId, sites])

  if (!site) return <p>Loading…</p>
  const reward = site.reward
  const setReward = (patch: Partial<RewardSettings>) => setSite({ ...site, reward: { ...(reward ?? REWARD_DEFAULTS), ...patch } })
  const num = (v: string) => (v === '' ? undefined : Number(v))
  const err = (k: string) => fields[k] && <small class="error">{fields[k]}</small>

  const save = async (e: Event) => {
    e.preventDefault()
    const { id, ...settings } = site
    const origins = originsText
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
    try {
      const saved = await call<Site>('PUT', `/sites/${encodeURIComponent(id)}`, { ...settings, origins })
      setSite(saved)
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
          <label class="check">
            <input
              type="checkbox"
              checked={site.approveKnownReaders}
              disabled={site.moderation !== 'pre'}
              onChange={(e) => setSite({ ...site, approveKnownReaders: e.currentTarget.checked })}
            />
            Publish at once for readers with a comment approved before (their rewards still meet the checks against farming)
          </label>
          <label>
            Which pages take comments
            <select
              value={site.posts.check}
              onChange={(e) => setSite({ ...site, posts: { ...site.posts, check: e.currentTarget.value as Site['posts']['check'] } })}
            >
              <option value="page">Posts on my site that embed the widget (checked once per post)</option>
              <option value="listed">Only posts I list (CLI, sitemap, import)</option>
              <option value="any">Any page (not with a reward per post)</option>
            </select>
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
          <label>
            Locale
            <input value={site.locale} onInput={(e) => setSite({ ...site, locale: e.currentTarget.value })} />
            {err('locale')}
          </label>
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
                What readers get
                <input value={reward.label} onInput={(e) => setReward({ label: e.currentTarget.value })} />
                {err('reward.label')}
              </label>
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
                  {err('reward.amountOff')}
                </label>
                <label>
                  Currency
                  <input
                    maxLength={3}
                    value={reward.currency ?? ''}
                    onInput={(e) => setReward({ currency: e.currentTarget.value.toUpperCase() || undefined })}
                  />
                  {err('reward.currency')}
                </label>
              </div>
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
              <div class="row">
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
        <p class="notice" role="status" aria-live="polite">
          {saved}
        </p>
      </fieldset>
    </form>
  )
}
