// The blog's posts. A real blog reads Markdown files; two posts in code keep this one small.
export const posts = [
  {
    slug: 'second-post',
    title: 'A second post',
    date: '2024-05-08',
    description: 'Another post, with some code.',
    body: [
      'Another post, so the index has more than one count to show, and a client-side navigation has somewhere to go.',
      'It has a comment of its own, which the first post must not show.',
    ],
  },
  {
    slug: 'hello-world',
    title: 'Hello, world',
    date: '2024-05-01',
    description: 'The first post on a blog built with Next.js.',
    body: [
      'This is the first post. It has a paragraph, and then another one, long enough to wrap on a phone and show how the comments sit under the text of the post.',
      'The comments are below: the reader reached this page by a client-side navigation or by loading it, and sees the same thing.',
    ],
  },
]

export const getPost = (slug) => posts.find((p) => p.slug === slug)
