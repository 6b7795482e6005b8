import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalThreadKey } from './thread-key.ts'

describe('canonicalThreadKey', () => {
  it('folds every spelling of one post into one key', () => {
    const spellings = [
      '/blog/reciprocity',
      '/blog/reciprocity/',
      '/blog/reciprocity?x=1',
      '/blog/reciprocity#c',
      '//blog//reciprocity',
      '/blog/x/../reciprocity',
      '/blog/./reciprocity/index.html',
      '/blog/%72eciprocity',
      'blog/reciprocity',
      'https://blog.example.com/blog/reciprocity/?utm_source=x#inkind',
      '\\blog\\reciprocity',
    ]
    for (const s of spellings) expect(canonicalThreadKey(s), s).toBe('/blog/reciprocity')
  })

  it('keeps case, and non-ASCII paths in one encoding', () => {
    expect(canonicalThreadKey('/Blog/Reciprocity')).toBe('/Blog/Reciprocity')
    expect(canonicalThreadKey('/blog/café')).toBe('/blog/caf%C3%A9')
    expect(canonicalThreadKey('/blog/caf%c3%a9/')).toBe('/blog/caf%C3%A9')
  })

  it('keeps only the query parameter the owner names as the post', () => {
    expect(canonicalThreadKey('/?p=12&utm=x', 'p')).toBe('/?p=12')
    expect(canonicalThreadKey('https://blog.example/?utm=x&p=12#c', 'p')).toBe('/?p=12')
    expect(canonicalThreadKey('/?p=12')).toBe('/')
    expect(canonicalThreadKey('/', 'p')).toBe('/')
  })

  it('cannot climb above the root', () => {
    expect(canonicalThreadKey('/../../etc/passwd')).toBe('/etc/passwd')
    expect(canonicalThreadKey('')).toBe('/')
    expect(canonicalThreadKey('/index.html')).toBe('/')
  })

  it('is idempotent and always a path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.webPath()), (s) => {
        const key = canonicalThreadKey(s)
        expect(key.startsWith('/')).toBe(true)
        expect(key).not.toMatch(/\/\/|#/)
        expect(canonicalThreadKey(key)).toBe(key)
      }),
    )
  })
})
