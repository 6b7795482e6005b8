import Link from 'next/link'
import { INKIND_ORIGIN, INKIND_SITE } from '../lib/inkind'
import './globals.css'

export const metadata = {
  title: { default: 'Next.js Blog', template: '%s · Next.js Blog' },
  description: 'A small blog built with Next.js',
}

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <head>
        {/* Inkind, once for every route: it mounts into each post's #inkind by itself after a client-side navigation. A plain
            <script async>, which React puts in <head> of the exported HTML (next/script writes its tag from JavaScript, after
            hydration, at the end of <body>: not in the HTML, where Inkind's server looks for data-site before a post's first
            comment, and in <body>, where a page without #inkind gets a widget right after the script). */}
        <script async src={`${INKIND_ORIGIN}/widget.js`} data-site={INKIND_SITE} />
      </head>
      <body>
        <header>
          <nav>
            <Link href="/" className="home">
              Next.js Blog
            </Link>
            <Link href="/posts/hello-world">Hello, world</Link>
            <Link href="/posts/second-post">A second post</Link>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  )
}
