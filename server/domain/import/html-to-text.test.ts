import { describe, expect, it } from 'vitest'
import { decodeHtmlLine, htmlToText, linkText, looksLikeHtml } from './html-to-text.ts'

describe('htmlToText', () => {
  it('makes paragraphs blank lines and <br> line breaks, and collapses the source’s own whitespace', () => {
    expect(htmlToText('<p>One\n  two</p>\n\n<p>Three<br>four<br/>\nfive</p>')).toBe('One two\n\nThree\nfour\nfive')
    expect(htmlToText('<blockquote>Quoted.</blockquote>Reply.<div>Block</div><hr>End')).toBe('Quoted.\n\nReply.\n\nBlock\n\nEnd')
  })

  it('decodes entities once, so escaped markup stays text', () => {
    expect(htmlToText('Fish &amp; chips &gt; salad &lt;script&gt;alert(1)&lt;/script&gt; &#8217; &raquo;')).toBe(
      'Fish & chips > salad <script>alert(1)</script> ’ »',
    )
    expect(htmlToText('&amp;amp;')).toBe('&amp;')
  })

  it('writes links as the widget reads them', () => {
    expect(htmlToText('see <a href="https://a.example/x?a=1&amp;b=2">the docs</a>.')).toBe('see [the docs](https://a.example/x?a=1&b=2).')
    expect(htmlToText('<a href="https://a.example/x">https://a.example/x</a>')).toBe('https://a.example/x')
    expect(htmlToText('<a href="https://a.example/x/">a.example/x</a>')).toBe('https://a.example/x/')
    // Disqus and Remark42 cut long link texts short.
    expect(htmlToText('<a href="https://news.example.net/item?id=1&amp;utm=rss">https://news.example.net/it...</a>')).toBe(
      'https://news.example.net/item?id=1&utm=rss',
    )
    expect(htmlToText('<a href="javascript:alert(1)">click</a> <a href="mailto:a@b.example">mail</a>')).toBe('click mail')
    expect(htmlToText('<a href="https://en.example.org/wiki/A_(b)">A</a>')).toBe('A (https://en.example.org/wiki/A_(b))')
    expect(linkText('', 'https://x.example')).toBe('https://x.example')
  })

  it('keeps bold, italics and code as the widget’s markup when it reads back as written', () => {
    expect(htmlToText('<b>bold</b>, <strong>strong</strong>, <em>em</em>, <i>i</i>, <code>&lt;div&gt;</code>')).toBe('**bold**, **strong**, *em*, *i*, `<div>`')
    expect(htmlToText('<b>a * b</b> <code>a`b</code> <em><a href="https://x.example">x</a></em>')).toBe('a * b a`b [x](https://x.example)')
    expect(htmlToText('<pre><code>line 1\nline 2</code></pre>')).toBe('line 1\nline 2')
  })

  it('lists items, drops images to their address and scripts to nothing', () => {
    expect(htmlToText('<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>')).toBe('- one\n- two\n\n1. first')
    expect(htmlToText('<img src="https://img.example/a.png" alt="cat"> <img src="data:x" alt="dog"><script>evil()</script><style>p{}</style>')).toBe(
      'https://img.example/a.png dog',
    )
  })

  it('reads WordPress comments as stored, before wpautop', () => {
    expect(htmlToText('Line one\r\nLine two\r\n\r\nNew <a\nhref="https://x.example">paragraph</a>.', { autop: true })).toBe(
      'Line one\nLine two\n\nNew [paragraph](https://x.example).',
    )
  })

  it('tells an Isso row of Disqus HTML from Markdown, and decodes a name', () => {
    expect(looksLikeHtml('<p>Fish</p>')).toBe(true)
    expect(looksLikeHtml('a <b>bold</b> claim')).toBe(false)
    expect(decodeHtmlLine('Mark O&#039;Neil &laquo;x&raquo; <3')).toBe("Mark O'Neil «x» <3")
  })
})
