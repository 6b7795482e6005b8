// Renders <div id="inkind"> on post pages only (frontmatter `comments: false` opts out).
// KEYED: `key: route.path` makes Vue throw the old container away on client-side navigation and
// render a fresh, empty one, so a widget that watches for new #inkind elements mounts again.
// Set INKIND_UNKEYED=1 at build time to see what happens without it (the same element is reused).

import { useData, useRoute } from 'vitepress'
import { defineComponent, h } from 'vue'

const KEYED = !import.meta.env.VITE_INKIND_UNKEYED

export default defineComponent({
  name: 'InkindContainer',
  setup() {
    const route = useRoute()
    const { frontmatter } = useData()
    return () =>
      route.path.startsWith('/posts/') && frontmatter.value.comments !== false
        ? h('div', { id: 'inkind', class: 'inkind-container', ...(KEYED ? { key: route.path } : {}) })
        : null
  },
})
