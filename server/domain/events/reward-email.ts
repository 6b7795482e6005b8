/** The one email Inkind sends: a reader's code. Plain text first, with a simple HTML twin. */
export interface RewardEmail {
  siteName: string
  readerName: string
  code: string
  label: string
  expiresAt: string | null
  postTitle: string | null
  postUrl: string | null
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function renderRewardEmail(m: RewardEmail) {
  const expiry = m.expiresAt ? `Valid until ${new Date(m.expiresAt).toUTCString().slice(0, 16)}.` : 'It does not expire.'
  const where = m.postTitle ? ` on “${m.postTitle}”` : ''
  const subject = `Your code for ${m.label} from ${m.siteName}`
  const text = [
    `Hello ${m.readerName},`,
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
    'You get this one email because you commented and gave this address. Nothing else will be sent to it.',
  ].join('\n')
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d1d1f">
<p>Hello ${escape(m.readerName)},</p>
<p>thank you for your comment${escape(where)}. As promised, here is your code for <strong>${escape(m.label)}</strong>:</p>
<p style="font-size:22px;font-weight:700;letter-spacing:.05em;font-family:ui-monospace,monospace;padding:12px 16px;border:2px dashed #1f5fbf;display:inline-block">${escape(m.code)}</p>
<p>${escape(expiry)}</p>
${m.postUrl ? `<p><a href="${escape(m.postUrl)}">Back to the post</a></p>` : ''}
<p>— ${escape(m.siteName)}</p>
<p style="color:#5c5c66;font-size:13px">You get this one email because you commented and gave this address. Nothing else will be sent to it.</p>
</body></html>`
  return { subject, text, html }
}
