import Link from 'next/link'
import { INKIND_ORIGIN, INKIND_SITE } from '../lib/inkind'
import { posts } from '../lib/posts'

export default function Home() {
  return (
    <>
      <h1>Latest posts</h1>
      <ul className="posts">
        {posts.map((post) => (
          <li key={post.slug}>
            <Link href={`/posts/${post.slug}`}>{post.title}</Link>
            <p>{post.description}</p>
            {/* count.js writes "3 comments" here, maybe before React hydrates the page: React is told to expect that. */}
            <Link href={`/posts/${post.slug}#inkind`} data-inkind-count={`/posts/${post.slug}`} suppressHydrationWarning>
              Comments
            </Link>
          </li>
        ))}
      </ul>
      <script async src={`${INKIND_ORIGIN}/count.js`} data-site={INKIND_SITE} />
    </>
  )
}
