/**
 * The emails besides a reader's code: to readers, the confirmation of reply
 * notifications, a reply, a link to their data; to admins, a comment held for
 * approval and the daily digest. Plain text first with a simple HTML twin,
 * every value escaped. A reader's words appear only where the recipient asked
 * for them (a reply they subscribed to; the comments an admin moderates).
 */
import { greetingName } from './reward-email.ts'

export interface Rendered {
  subject: string
  text: string
  html: string
  headers?: Record<string, string>
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** Paragraphs of text and links, as plain text and as HTML. */
type Part = string | { link: string; label: string } | { quote: string }

function render(subject: string, parts: Part[], footer: string, headers?: Record<string, string>): Rendered {
  const text = [...parts.map((p) => (typeof p === 'string' ? p : 'link' in p ? `${p.label}: ${p.link}` : p.quote.replace(/^/gm, '> '))), '', footer].join(
    '\n\n',
  )
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d1d1f">
${parts
  .map((p) =>
    typeof p === 'string'
      ? `<p>${escapeHtml(p)}</p>`
      : 'link' in p
        ? `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.label)}</a></p>`
        : `<blockquote style="margin:0;padding:4px 12px;border-left:3px solid #ccc;white-space:pre-wrap">${escapeHtml(p.quote)}</blockquote>`,
  )
  .join('\n')}
<p style="color:#5c5c66;font-size:13px">${escapeHtml(footer)}</p>
</body></html>`
  return { subject, text, html, ...(headers && { headers }) }
}

const hello = (name: string | null) => {
  const n = greetingName(name)
  return n ? `Hello ${n},` : 'Hello,'
}

export function renderConfirmEmail(m: { siteName: string; readerName: string | null; confirmUrl: string }) {
  return render(
    `Confirm reply notifications from ${m.siteName}`,
    [
      hello(m.readerName),
      `you asked ${m.siteName} to email you when someone replies to your comments. Please confirm it is you:`,
      { link: m.confirmUrl, label: 'Yes, email me replies' },
      'If it was not you, ignore this email: nothing will be sent.',
    ],
    `— ${m.siteName}. One confirmation, then only replies you asked for; every one of them has a link to stop.`,
  )
}

export function renderReplyEmail(m: {
  siteName: string
  readerName: string | null
  replierName: string
  byAuthor: boolean
  reply: string
  postTitle: string | null
  commentUrl: string | null
  stopPostUrl: string
  stopSiteUrl: string
  oneClickUrl: string
}) {
  const who = m.byAuthor ? `${greetingName(m.replierName) ?? 'The author'} (the author)` : (greetingName(m.replierName) ?? 'Someone')
  const where = m.postTitle ? ` on “${m.postTitle}”` : ''
  return render(
    `${who} replied to your comment${where}`,
    [
      hello(m.readerName),
      `${who} replied to your comment${where}:`,
      { quote: m.reply },
      ...(m.commentUrl ? [{ link: m.commentUrl, label: 'Read it and answer' }] : []),
      { link: m.stopPostUrl, label: 'No more replies on this post' },
      { link: m.stopSiteUrl, label: `No more emails from ${m.siteName}` },
    ],
    `— ${m.siteName}. You get this because you asked to hear of replies to your comments.`,
    // RFC 8058: mail clients offer one-click unsubscribe; a POST to the link stops every notification of the site.
    { 'List-Unsubscribe': `<${m.oneClickUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  )
}

export function renderDataLinkEmail(m: { siteName: string; dataUrl: string }) {
  return render(
    `Your data on ${m.siteName}`,
    [
      'Hello,',
      `someone (we hope you) asked to see what ${m.siteName} keeps about this address: your comments, your discount code, your notification settings. This link shows it, lets you download it, and delete it. It works for 24 hours:`,
      { link: m.dataUrl, label: 'See my data' },
      'If it was not you, ignore this email.',
    ],
    `— ${m.siteName}`,
  )
}

export function renderHeldEmail(m: { siteName: string; authorName: string; body: string; postTitle: string | null; reviewUrl: string }) {
  return render(
    `A comment on ${m.siteName} waits for you${m.postTitle ? `: “${m.postTitle}”` : ''}`,
    [`${m.authorName} wrote${m.postTitle ? ` on “${m.postTitle}”` : ''}:`, { quote: m.body }, { link: m.reviewUrl, label: 'Approve or reject it' }],
    'Inkind. Turn these off in the admin: Settings → Your notifications.',
  )
}

export function renderDigestEmail(m: {
  count: number
  lines: { site: string; post: string; author: string; excerpt: string; url: string }[]
  adminUrl: string
}) {
  return render(
    `${m.count} new ${m.count === 1 ? 'comment' : 'comments'} in the last day`,
    [
      ...m.lines.flatMap((l) => [`${l.site} · ${l.post} — ${l.author}:`, { quote: l.excerpt }, { link: l.url, label: 'Review' }]),
      ...(m.count > m.lines.length ? [`And ${m.count - m.lines.length} more.`] : []),
      { link: m.adminUrl, label: 'All comments' },
    ],
    'Inkind. Turn the digest off in the admin: Settings → Your notifications.',
  )
}

export function renderInviteEmail(m: { inviter: string; role: 'owner' | 'moderator'; server: string; link: string; expiresAt: string }) {
  const what = m.role === 'owner' ? 'an owner (every setting, the shop, the people)' : 'a moderator (the comments, the codes, the stats)'
  const until = new Date(m.expiresAt).toUTCString().replace(/:\d\d GMT$/, ' UTC')
  return render(
    'You are invited to help run the comments',
    [
      'Hello,',
      `${m.inviter} invited you to the Inkind admin${m.server ? ` at ${m.server}` : ''} as ${what}. Choose your password here; the link works until ${until}:`,
      { link: m.link, label: 'Accept the invitation' },
      'If you did not expect this, ignore this email: nothing happens without the link.',
    ],
    'Inkind. The link works once.',
  )
}
