/**
 * The emails besides a reader's code, as their recipients read them: the
 * subject, the plain text (what a text-only client shows, and where the
 * links are spelled out), the HTML twin with every value escaped, and the
 * one-click unsubscribe headers of a reply notification.
 */
import { describe, expect, it } from 'vitest'
import { renderConfirmEmail, renderDataLinkEmail, renderDigestEmail, renderHeldEmail, renderInviteEmail, renderReplyEmail } from './notice-emails.ts'

/** The HTML body's elements, one a line (a quote keeps its own line breaks), without the document around them. */
const bodyLines = (html: string) => {
  const lines = html.split(/\n(?=<)/)
  expect(lines[0]).toBe('<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d1d1f">')
  expect(lines.at(-1)).toBe('</body></html>')
  return lines.slice(1, -1)
}

/** Every character HTML treats specially, twice, in a value someone else typed. */
const NASTY = `<b onclick="x">Tom & 'Jerry'</b> & <i>`
const NASTY_HTML = '&#60;b onclick=&#34;x&#34;&#62;Tom &#38; &#39;Jerry&#39;&#60;/b&#62; &#38; &#60;i&#62;'

describe('the confirmation of reply notifications', () => {
  const mail = { siteName: 'CPR Blog', readerName: 'Ann Lee', confirmUrl: 'https://comments.example/reader/confirm?t=abc' }

  it('greets the reader, asks them to confirm with one link, and says what happens if it was not them', () => {
    const m = renderConfirmEmail(mail)
    expect(m.subject).toBe('Confirm reply notifications from CPR Blog')
    expect(m.text).toBe(
      [
        'Hello Ann Lee,',
        'you asked CPR Blog to email you when someone replies to your comments. Please confirm it is you:',
        'Yes, email me replies: https://comments.example/reader/confirm?t=abc',
        'If it was not you, ignore this email: nothing will be sent.',
        '',
        '— CPR Blog. One confirmation, then only replies you asked for; every one of them has a link to stop.',
      ].join('\n\n'),
    )
    expect(m.html).toBe(`<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d1d1f">
<p>Hello Ann Lee,</p>
<p>you asked CPR Blog to email you when someone replies to your comments. Please confirm it is you:</p>
<p><a href="https://comments.example/reader/confirm?t=abc">Yes, email me replies</a></p>
<p>If it was not you, ignore this email: nothing will be sent.</p>
<p style="color:#5c5c66;font-size:13px">— CPR Blog. One confirmation, then only replies you asked for; every one of them has a link to stop.</p>
</body></html>`)
    // Not a list mail: no unsubscribe headers.
    expect(m).not.toHaveProperty('headers')
  })

  it('greets without a name it would not repeat (a link, an address)', () => {
    for (const readerName of [null, 'visit cheap.com', 'me@example.com']) {
      const m = renderConfirmEmail({ ...mail, readerName })
      expect(m.text.startsWith('Hello,\n\nyou asked')).toBe(true)
      expect(bodyLines(m.html)[0]).toBe('<p>Hello,</p>')
      expect(m.text).not.toMatch(/cheap|me@/)
    }
  })

  it('escapes the site name and the link in the HTML', () => {
    const m = renderConfirmEmail({ siteName: NASTY, readerName: null, confirmUrl: 'https://c.example/reader/confirm?t=a&b="c"' })
    expect(m.subject).toBe(`Confirm reply notifications from ${NASTY}`)
    expect(bodyLines(m.html)).toEqual([
      '<p>Hello,</p>',
      `<p>you asked ${NASTY_HTML} to email you when someone replies to your comments. Please confirm it is you:</p>`,
      '<p><a href="https://c.example/reader/confirm?t=a&#38;b=&#34;c&#34;">Yes, email me replies</a></p>',
      '<p>If it was not you, ignore this email: nothing will be sent.</p>',
      `<p style="color:#5c5c66;font-size:13px">— ${NASTY_HTML}. One confirmation, then only replies you asked for; every one of them has a link to stop.</p>`,
    ])
  })
})

describe('a reply notification', () => {
  const mail = {
    siteName: 'CPR Blog',
    readerName: 'Ann Lee',
    replierName: 'Cleo',
    byAuthor: false,
    reply: 'Here is my answer.\nAnd a second line.',
    postTitle: 'Give first',
    commentUrl: 'https://blog.example/p#inkind-c7',
    stopPostUrl: 'https://comments.example/reader/unsubscribe?t=post',
    stopSiteUrl: 'https://comments.example/reader/unsubscribe?t=site',
    oneClickUrl: 'https://comments.example/reader/unsubscribe?t=oneclick',
  }

  it('quotes the reply, links to it and to the two ways to stop, with the one-click unsubscribe headers (RFC 8058)', () => {
    const m = renderReplyEmail(mail)
    expect(m.subject).toBe('Cleo replied to your comment on “Give first”')
    expect(m.text).toBe(
      [
        'Hello Ann Lee,',
        'Cleo replied to your comment on “Give first”:',
        '> Here is my answer.\n> And a second line.',
        'Read it and answer: https://blog.example/p#inkind-c7',
        'No more replies on this post: https://comments.example/reader/unsubscribe?t=post',
        'No more emails from CPR Blog: https://comments.example/reader/unsubscribe?t=site',
        '',
        '— CPR Blog. You get this because you asked to hear of replies to your comments.',
      ].join('\n\n'),
    )
    expect(bodyLines(m.html)).toEqual([
      '<p>Hello Ann Lee,</p>',
      '<p>Cleo replied to your comment on “Give first”:</p>',
      '<blockquote style="margin:0;padding:4px 12px;border-left:3px solid #ccc;white-space:pre-wrap">Here is my answer.\nAnd a second line.</blockquote>',
      '<p><a href="https://blog.example/p#inkind-c7">Read it and answer</a></p>',
      '<p><a href="https://comments.example/reader/unsubscribe?t=post">No more replies on this post</a></p>',
      '<p><a href="https://comments.example/reader/unsubscribe?t=site">No more emails from CPR Blog</a></p>',
      '<p style="color:#5c5c66;font-size:13px">— CPR Blog. You get this because you asked to hear of replies to your comments.</p>',
    ])
    expect(m.headers).toEqual({
      'List-Unsubscribe': '<https://comments.example/reader/unsubscribe?t=oneclick>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
  })

  it('names the blog’s author as the author, and a replier whose name is a link not at all', () => {
    expect(renderReplyEmail({ ...mail, byAuthor: true, replierName: 'Dana' }).subject).toBe('Dana (the author) replied to your comment on “Give first”')
    expect(renderReplyEmail({ ...mail, byAuthor: true, replierName: 'https://me.example' }).subject).toBe(
      'The author (the author) replied to your comment on “Give first”',
    )
    const spam = renderReplyEmail({ ...mail, replierName: 'buy at cheap.com' })
    expect(spam.subject).toBe('Someone replied to your comment on “Give first”')
    expect(spam.text).toContain('\n\nSomeone replied to your comment on “Give first”:\n\n')
    expect(spam.text).not.toContain('cheap')
  })

  it('leaves out the post it does not know, and the link to a post not on the site', () => {
    const m = renderReplyEmail({ ...mail, readerName: null, postTitle: null, commentUrl: null })
    expect(m.subject).toBe('Cleo replied to your comment')
    expect(m.text.split('\n\n')).toEqual([
      'Hello,',
      'Cleo replied to your comment:',
      '> Here is my answer.\n> And a second line.',
      'No more replies on this post: https://comments.example/reader/unsubscribe?t=post',
      'No more emails from CPR Blog: https://comments.example/reader/unsubscribe?t=site',
      '',
      '— CPR Blog. You get this because you asked to hear of replies to your comments.',
    ])
    expect(bodyLines(m.html).filter((l) => l.includes('<a '))).toEqual([
      '<p><a href="https://comments.example/reader/unsubscribe?t=post">No more replies on this post</a></p>',
      '<p><a href="https://comments.example/reader/unsubscribe?t=site">No more emails from CPR Blog</a></p>',
    ])
  })

  it('escapes the reply and every name in the HTML (a reader wrote them)', () => {
    const m = renderReplyEmail({ ...mail, siteName: 'A & B', readerName: "O'Brien", replierName: 'Tom & Jerry', reply: NASTY, postTitle: '<i>Post</i>' })
    const lines = bodyLines(m.html)
    expect(lines.slice(0, 3)).toEqual([
      '<p>Hello O&#39;Brien,</p>',
      '<p>Tom &#38; Jerry replied to your comment on “&#60;i&#62;Post&#60;/i&#62;”:</p>',
      `<blockquote style="margin:0;padding:4px 12px;border-left:3px solid #ccc;white-space:pre-wrap">${NASTY_HTML}</blockquote>`,
    ])
    expect(m.html).toContain('>No more emails from A &#38; B</a>')
    expect(m.html).not.toMatch(/<b |<i>/)
    // The plain text is plain: as written.
    expect(m.text).toContain(`> ${NASTY}`)
  })
})

describe('the link to a reader’s data', () => {
  it('says what the link shows and for how long, and to ignore it if it was not them', () => {
    const m = renderDataLinkEmail({ siteName: 'CPR Blog', dataUrl: 'https://comments.example/reader/data?t=abc' })
    expect(m.subject).toBe('Your data on CPR Blog')
    expect(m.text).toBe(
      [
        'Hello,',
        'someone (we hope you) asked to see what CPR Blog keeps about this address: your comments, your discount code, your notification settings. This link shows it, lets you download it, and delete it. It works for 24 hours:',
        'See my data: https://comments.example/reader/data?t=abc',
        'If it was not you, ignore this email.',
        '',
        '— CPR Blog',
      ].join('\n\n'),
    )
    expect(bodyLines(m.html)).toEqual([
      '<p>Hello,</p>',
      '<p>someone (we hope you) asked to see what CPR Blog keeps about this address: your comments, your discount code, your notification settings. This link shows it, lets you download it, and delete it. It works for 24 hours:</p>',
      '<p><a href="https://comments.example/reader/data?t=abc">See my data</a></p>',
      '<p>If it was not you, ignore this email.</p>',
      '<p style="color:#5c5c66;font-size:13px">— CPR Blog</p>',
    ])
    expect(m).not.toHaveProperty('headers')
  })
})

describe('a comment held for approval (to an admin)', () => {
  const mail = {
    siteName: 'CPR Blog',
    authorName: 'Bob',
    body: 'First line.\nSecond line.',
    postTitle: 'Give first',
    reviewUrl: 'https://comments.example/admin/comments?id=7',
    approveUrl: 'https://comments.example/moderate?t=approve',
    spamUrl: 'https://comments.example/moderate?t=spam',
  }

  it('quotes the comment, with links to approve it, mark it as spam, or see it in the admin', () => {
    const m = renderHeldEmail(mail)
    expect(m.subject).toBe('A comment on CPR Blog waits for you: “Give first”')
    expect(m.text).toBe(
      [
        'Bob wrote on “Give first”:',
        '> First line.\n> Second line.',
        'Approve it: https://comments.example/moderate?t=approve',
        'Mark it as spam: https://comments.example/moderate?t=spam',
        'See it in the admin: https://comments.example/admin/comments?id=7',
        'Each link asks you to confirm on the next page, works once, and for 7 days.',
        '',
        'Inkind. Turn these off in the admin: Settings → Your notifications.',
      ].join('\n\n'),
    )
    expect(bodyLines(m.html)).toEqual([
      '<p>Bob wrote on “Give first”:</p>',
      '<blockquote style="margin:0;padding:4px 12px;border-left:3px solid #ccc;white-space:pre-wrap">First line.\nSecond line.</blockquote>',
      '<p><a href="https://comments.example/moderate?t=approve">Approve it</a></p>',
      '<p><a href="https://comments.example/moderate?t=spam">Mark it as spam</a></p>',
      '<p><a href="https://comments.example/admin/comments?id=7">See it in the admin</a></p>',
      '<p>Each link asks you to confirm on the next page, works once, and for 7 days.</p>',
      '<p style="color:#5c5c66;font-size:13px">Inkind. Turn these off in the admin: Settings → Your notifications.</p>',
    ])
  })

  it('without a post title says only the site', () => {
    const m = renderHeldEmail({ ...mail, postTitle: null })
    expect(m.subject).toBe('A comment on CPR Blog waits for you')
    expect(m.text.startsWith('Bob wrote:\n\n> First line.')).toBe(true)
  })

  it('escapes the author’s name and words (a stranger wrote them) in the HTML', () => {
    const m = renderHeldEmail({ ...mail, authorName: NASTY, body: NASTY })
    expect(bodyLines(m.html).slice(0, 2)).toEqual([
      `<p>${NASTY_HTML} wrote on “Give first”:</p>`,
      `<blockquote style="margin:0;padding:4px 12px;border-left:3px solid #ccc;white-space:pre-wrap">${NASTY_HTML}</blockquote>`,
    ])
    expect(m.html).not.toMatch(/<b |<i>/)
  })
})

describe('the daily digest (to an admin)', () => {
  const line = (n: number) => ({
    site: 'CPR Blog',
    post: `Post ${n}`,
    author: `Reader ${n}`,
    excerpt: `Thought ${n}.`,
    url: `https://comments.example/admin/comments?id=${n}`,
  })

  it('lists each new comment with its site, post, author, an excerpt and a link to review it', () => {
    const m = renderDigestEmail({ count: 2, lines: [line(2), line(1)], adminUrl: 'https://comments.example/admin/comments' })
    expect(m.subject).toBe('2 new comments in the last day')
    expect(m.text).toBe(
      [
        'CPR Blog · Post 2 — Reader 2:',
        '> Thought 2.',
        'Review: https://comments.example/admin/comments?id=2',
        'CPR Blog · Post 1 — Reader 1:',
        '> Thought 1.',
        'Review: https://comments.example/admin/comments?id=1',
        'All comments: https://comments.example/admin/comments',
        '',
        'Inkind. Turn the digest off in the admin: Settings → Your notifications.',
      ].join('\n\n'),
    )
    expect(bodyLines(m.html)).toEqual([
      '<p>CPR Blog · Post 2 — Reader 2:</p>',
      '<blockquote style="margin:0;padding:4px 12px;border-left:3px solid #ccc;white-space:pre-wrap">Thought 2.</blockquote>',
      '<p><a href="https://comments.example/admin/comments?id=2">Review</a></p>',
      '<p>CPR Blog · Post 1 — Reader 1:</p>',
      '<blockquote style="margin:0;padding:4px 12px;border-left:3px solid #ccc;white-space:pre-wrap">Thought 1.</blockquote>',
      '<p><a href="https://comments.example/admin/comments?id=1">Review</a></p>',
      '<p><a href="https://comments.example/admin/comments">All comments</a></p>',
      '<p style="color:#5c5c66;font-size:13px">Inkind. Turn the digest off in the admin: Settings → Your notifications.</p>',
    ])
  })

  it('says "comment" for one, and how many more there are than it lists', () => {
    expect(renderDigestEmail({ count: 1, lines: [line(1)], adminUrl: '/admin/comments' }).subject).toBe('1 new comment in the last day')
    expect(renderDigestEmail({ count: 1, lines: [line(1)], adminUrl: '/admin/comments' }).text).not.toContain('more.')
    const more = renderDigestEmail({ count: 32, lines: [line(2), line(1)], adminUrl: '/admin/comments' })
    expect(more.subject).toBe('32 new comments in the last day')
    expect(more.text.split('\n\n').slice(6, 8)).toEqual(['And 30 more.', 'All comments: /admin/comments'])
    expect(bodyLines(more.html).slice(6, 8)).toEqual(['<p>And 30 more.</p>', '<p><a href="/admin/comments">All comments</a></p>'])
  })

  it('escapes what readers wrote (names, excerpts) and the site’s and post’s names', () => {
    const m = renderDigestEmail({
      count: 1,
      lines: [{ site: 'A & B', post: '<i>Post</i>', author: NASTY, excerpt: NASTY, url: '/admin/comments?id=1&x="y"' }],
      adminUrl: '/admin/comments',
    })
    expect(bodyLines(m.html).slice(0, 3)).toEqual([
      `<p>A &#38; B · &#60;i&#62;Post&#60;/i&#62; — ${NASTY_HTML}:</p>`,
      `<blockquote style="margin:0;padding:4px 12px;border-left:3px solid #ccc;white-space:pre-wrap">${NASTY_HTML}</blockquote>`,
      '<p><a href="/admin/comments?id=1&#38;x=&#34;y&#34;">Review</a></p>',
    ])
  })
})

describe('an invitation to the admin', () => {
  const mail = {
    inviter: 'Olive (olive@example.com)',
    role: 'moderator' as const,
    server: 'https://comments.example',
    link: 'https://comments.example/admin/invite?t=abc',
    expiresAt: '2026-11-29T10:00:00.000Z',
  }

  it('says who invited them, where, as what, until when, and links to accept', () => {
    const m = renderInviteEmail(mail)
    expect(m.subject).toBe('You are invited to help run the comments')
    expect(m.text).toBe(
      [
        'Hello,',
        'Olive (olive@example.com) invited you to the Inkind admin at https://comments.example as a moderator (the comments, the codes, the stats). Choose your password here; the link works until Sun, 29 Nov 2026 10:00 UTC:',
        'Accept the invitation: https://comments.example/admin/invite?t=abc',
        'If you did not expect this, ignore this email: nothing happens without the link.',
        '',
        'Inkind. The link works once.',
      ].join('\n\n'),
    )
    expect(bodyLines(m.html)).toEqual([
      '<p>Hello,</p>',
      '<p>Olive (olive@example.com) invited you to the Inkind admin at https://comments.example as a moderator (the comments, the codes, the stats). Choose your password here; the link works until Sun, 29 Nov 2026 10:00 UTC:</p>',
      '<p><a href="https://comments.example/admin/invite?t=abc">Accept the invitation</a></p>',
      '<p>If you did not expect this, ignore this email: nothing happens without the link.</p>',
      '<p style="color:#5c5c66;font-size:13px">Inkind. The link works once.</p>',
    ])
  })

  it('says what an owner may do, and leaves out a server it does not know', () => {
    const m = renderInviteEmail({ ...mail, role: 'owner', server: '', expiresAt: '2026-12-01T23:05:59.999Z' })
    expect(m.text.split('\n\n')[1]).toBe(
      'Olive (olive@example.com) invited you to the Inkind admin as an owner (every setting, the shop, the people). Choose your password here; the link works until Tue, 01 Dec 2026 23:05 UTC:',
    )
  })

  it('escapes the inviter in the HTML', () => {
    expect(bodyLines(renderInviteEmail({ ...mail, inviter: NASTY }).html)[1]!.startsWith(`<p>${NASTY_HTML} invited you to the Inkind admin`)).toBe(true)
  })
})
