/**
 * The reward email says only what the owner's side wrote, plus the reader's
 * own name when it is plain words: never a link or an address someone else
 * chose, never HTML a name or title smuggles in.
 */
import { describe, expect, it } from 'vitest'
import { greetingName, MAX_NAME_IN_EMAIL, renderRewardEmail } from './reward-email.ts'

const MAIL = {
  siteName: 'CPR Blog',
  readerName: 'Ann Lee',
  code: 'CPR-7K3M9QX2BD4A',
  label: '10% off',
  expiresAt: '2026-12-26T10:00:00.000Z',
  postTitle: 'Reciprocity',
  postUrl: 'https://blog.example/reciprocity',
}

describe('greetingName', () => {
  it('keeps plain names, with their spacing folded', () => {
    expect(greetingName('Ann Lee')).toBe('Ann Lee')
    expect(greetingName('  Ann \n\t Lee  ')).toBe('Ann Lee')
    expect(greetingName('Zoë Ørsted-Ng')).toBe('Zoë Ørsted-Ng')
  })

  it('drops a name that looks like a link or an address', () => {
    for (const name of [
      'ann@example.com',
      'https://spam.example',
      'www.spam',
      'cheap pills dot shop.com',
      'visit spam.ru',
      'a\\b',
      'x:y',
      'click <here>',
      'best.info',
      'deals.xyz',
      'a.top today',
      'mysite.io',
      'a.net',
      'b.org',
      'WWW.SHOUT',
      'Cheap.COM',
    ]) {
      expect(greetingName(name), name).toBeNull()
    }
  })

  it('keeps dots that are not a domain', () => {
    expect(greetingName('J. R. R. Tolkien')).toBe('J. R. R. Tolkien')
    expect(greetingName('Ann.com-mittee')).toBeNull()
    expect(greetingName('Ann.commons')).toBe('Ann.commons')
  })

  it(`cuts a long name to ${MAX_NAME_IN_EMAIL} characters with an ellipsis`, () => {
    const exact = 'A'.repeat(MAX_NAME_IN_EMAIL)
    expect(greetingName(exact)).toBe(exact)
    const long = `${'Word '.repeat(20)}end`
    const cut = greetingName(long)!
    expect(cut.endsWith('…')).toBe(true)
    expect(cut.length).toBeLessThanOrEqual(MAX_NAME_IN_EMAIL)
    expect(cut).toBe(`${long.slice(0, MAX_NAME_IN_EMAIL - 1).trimEnd()}…`)
    expect(greetingName(`${'A'.repeat(MAX_NAME_IN_EMAIL)}B`)).toBe(`${'A'.repeat(MAX_NAME_IN_EMAIL - 1)}…`)
    // Cut just after a space: no space before the ellipsis.
    expect(greetingName(`${'A'.repeat(MAX_NAME_IN_EMAIL - 2)} ${'B'.repeat(10)}`)).toBe(`${'A'.repeat(MAX_NAME_IN_EMAIL - 2)}…`)
  })

  it('is null for no name or only spaces', () => {
    expect(greetingName(null)).toBeNull()
    expect(greetingName('')).toBeNull()
    expect(greetingName('   ')).toBeNull()
  })
})

describe('renderRewardEmail', () => {
  it('says who, what, the code, until when and where, in text and HTML', () => {
    const { subject, text, html } = renderRewardEmail(MAIL)
    expect(subject).toBe('Your code for 10% off from CPR Blog')
    expect(text.split('\n').slice(0, 7)).toEqual([
      'Hello Ann Lee,',
      '',
      'thank you for your comment on “Reciprocity”. As promised, here is your code for 10% off:',
      '',
      '    CPR-7K3M9QX2BD4A',
      '',
      'Valid until Sat, 26 Dec 2026.',
    ])
    expect(text).toContain('\nThe post: https://blog.example/reciprocity\n')
    expect(text).toContain('\n— CPR Blog\n')
    expect(html).toContain('<p>Hello Ann Lee,</p>')
    expect(html).toContain('<strong>10% off</strong>')
    expect(html).toContain('>CPR-7K3M9QX2BD4A</p>')
    expect(html).toContain('<p>Valid until Sat, 26 Dec 2026.</p>')
    expect(html).toContain('<a href="https://blog.example/reciprocity">Back to the post</a>')
    expect(html).toContain('<p>— CPR Blog</p>')
  })

  it('greets without a name it would not repeat, and leaves out what it does not know', () => {
    const { text, html } = renderRewardEmail({ ...MAIL, readerName: 'visit spam.com', expiresAt: null, postTitle: null, postUrl: null })
    // Every line but the closing note about this email, in order.
    expect(text.split('\n').slice(0, -1)).toEqual([
      'Hello,',
      '',
      'thank you for your comment. As promised, here is your code for 10% off:',
      '',
      '    CPR-7K3M9QX2BD4A',
      '',
      'It does not expire.',
      '',
      '',
      '— CPR Blog',
      '',
    ])
    expect(text.split('\n').at(-1)).toContain('because you commented')
    expect(html).toContain('<p>It does not expire.</p>\n\n<p>— CPR Blog</p>')
    expect(text.startsWith('Hello,\n')).toBe(true)
    expect(text).toContain('thank you for your comment. As promised')
    expect(text).toContain('It does not expire.')
    expect(text).not.toContain('The post:')
    expect(text).not.toContain('spam')
    expect(html).toContain('<p>Hello,</p>')
    expect(html).not.toContain('<a ')
  })

  it('escapes what goes into the HTML', () => {
    const { html } = renderRewardEmail({
      ...MAIL,
      siteName: 'Tom & Jerry’s "Blog"',
      readerName: "O'Brien & Co",
      label: '<b>50%</b>',
      postTitle: '<script>alert(1)</script>',
      postUrl: 'https://blog.example/a?x=1&y="2"',
    })
    expect(html).not.toMatch(/<script|<b>/)
    expect(html).toContain('Hello O&#39;Brien &#38; Co,')
    expect(html).toContain('<strong>&#60;b&#62;50%&#60;/b&#62;</strong>')
    expect(html).toContain('on “&#60;script&#62;alert(1)&#60;/script&#62;”')
    expect(html).toContain('href="https://blog.example/a?x=1&#38;y=&#34;2&#34;"')
    expect(html).toContain('— Tom &#38; Jerry’s &#34;Blog&#34;')
  })
})
