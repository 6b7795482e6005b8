import { notFound } from 'next/navigation'
import { getPost, posts } from '../../../lib/posts'

export const dynamicParams = false
export const generateStaticParams = () => posts.map((p) => ({ slug: p.slug }))

export async function generateMetadata({ params }) {
  const { slug } = await params
  const post = getPost(slug)
  return { title: post.title, description: post.description }
}

export default async function Post({ params }) {
  const { slug } = await params
  const post = getPost(slug)
  if (!post) notFound()
  return (
    <>
      <article>
        <h1>{post.title}</h1>
        <p className="date">
          <time dateTime={post.date}>{new Date(post.date).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' })}</time>
        </p>
        {post.body.map((text) => (
          <p key={text}>{text}</p>
        ))}
      </article>
      {/* Inkind mounts here. The key makes React put a new element here for each post. */}
      <div id="inkind" key={post.slug} />
    </>
  )
}
