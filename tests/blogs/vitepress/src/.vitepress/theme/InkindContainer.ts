// The widget's container on post pages, keyed by the route: on in-site navigation Vue renders a
// fresh one, which the widget (loaded once, in config.mts's head) mounts with that post's thread.
import { useData, useRoute } from 'vitepress'
import { defineComponent, h } from 'vue'

export default defineComponent({
  name: 'InkindContainer',
  setup() {
    const route = useRoute()
    const { frontmatter } = useData()
    return () => (route.path.startsWith('/posts/') && frontmatter.value.comments !== false ? h('div', { id: 'inkind', key: route.path }) : null)
  },
})
