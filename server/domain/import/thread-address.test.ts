import { describe, expect, it } from 'vitest'
import { parseAddressRules, threadKeyFor } from './thread-address.ts'

describe('threadKeyFor', () => {
  it('keys an address as the widget does on that page', () => {
    expect(threadKeyFor('http://www.blog.example/2024/05/hello-world/?utm_source=x#c1', null, [])).toEqual({ key: '/2024/05/hello-world' })
    expect(threadKeyFor('/blog/./post/index.html', null, [])).toEqual({ key: '/blog/post' })
  })

  it('keeps ?p=N on a site that names p, and refuses to fold it into the home page elsewhere', () => {
    expect(threadKeyFor('https://blog.example/?p=57', 'p', [])).toEqual({ key: '/?p=57' })
    expect(threadKeyFor('https://blog.example/?p=57', null, [])).toMatchObject({ skip: 'shortlink' })
    expect(threadKeyFor('https://blog.example/index.php?page_id=34', 'p', [])).toMatchObject({ skip: 'shortlink' })
    expect(threadKeyFor('https://blog.example/?s=search', null, [])).toEqual({ key: '/' })
  })

  it('rewrites addresses by the owner’s rules first, the first that matches', () => {
    const rules = parseAddressRules(['https://old.example.com/blog/=/posts/', 'https://old.example.com/=/', 'https://blog.example/?p=57=/drafts/57'])
    expect(threadKeyFor('https://old.example.com/blog/a/', null, rules)).toEqual({ key: '/posts/a' })
    expect(threadKeyFor('https://old.example.com/about', null, rules)).toEqual({ key: '/about' })
    expect(threadKeyFor('https://blog.example/?p=57', null, rules)).toEqual({ key: '/drafts/57' })
    expect(() => parseAddressRules(['no-equals-sign'])).toThrow(/old=new/)
  })
})
