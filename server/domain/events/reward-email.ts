/**
 * The one email Inkind sends: a reader's code. Plain text first, with a simple
 * HTML twin. Everything in it is the owner's (site name, label, the post's
 * title and address) except the reader's own name, which is cut short and
 * left out when it looks like a link or an address: the blog never mails a
 * stranger words someone else chose.
 */
export interface RewardEmail {
  siteName: string
  readerName: string | null
  code: string
  label: string
  expiresAt: string | null
  postTitle: string | null
  postUrl: string | null
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The longest reader name an email repeats. */
export const MAX_NAME_IN_EMAIL = 40

/** A reader's name fit for a greeting, or null: plain words only, no links, no addresses, cut short. */
export function greetingName(name: string | null): string | null {
  if (!name || /[@/\\:<>]|www\.|\.(com|net|org|io|ru|info|xyz|top)\b/i.test(name)) return null
  const plain = name.replace(/\s+/g, ' ').trim()
  return plain.length > MAX_NAME_IN_EMAIL ? `${plain.slice(0, MAX_NAME_IN_EMAIL - 1).trimEnd()}…` : plain || null
}

export function renderRewardEmail(m: RewardEmail) {
  const name = greetingName(m.readerName)
  const hello = name ? `Hello ${name},` : 'Hello,'
  const expiry = m.expiresAt ? `Valid until ${new Date(m.expiresAt).toUTCString().slice(0, 16)}.` : 'It does not expire.'
  const where = m.postTitle ? ` on “${m.postTitle}”` : ''
  const subject = `Your code for ${m.label} from ${m.siteName}`
  const text = [
    hello,
    '',
    `thank you for your comment${where}. As promised, here is your code for ${m.label}:`,
    '',
    `    ${m.code}`,
    '',
    expiry,
    m.postUrl ? `\nThe post: ${m.postUrl}` : '',
    '',
    `— ${m.siteName}`,
    '',
    'You get this email because you commented and gave this address. Nothing else is sent to it unless you ask to hear of replies.',
  ].join('\n')
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d1d1f">
<p>${escapeHtml(hello)}</p>
<p>thank you for your comment${escapeHtml(where)}. As promised, here is your code for <strong>${escapeHtml(m.label)}</strong>:</p>
<p style="font-size:22px;font-weight:700;letter-spacing:.05em;font-family:ui-monospace,monospace;padding:12px 16px;border:2px dashed #1f5fbf;display:inline-block">${escapeHtml(m.code)}</p>
<p>${escapeHtml(expiry)}</p>
${m.postUrl ? `<p><a href="${escapeHtml(m.postUrl)}">Back to the post</a></p>` : ''}
<p>— ${escapeHtml(m.siteName)}</p>
<p style="color:#5c5c66;font-size:13px">You get this email because you commented and gave this address. Nothing else is sent to it unless you ask to hear of replies.</p>
</body></html>`
  return { subject, text, html }
}
