// Default theme + an Inkind container in the `doc-after` slot (below the doc footer / prev-next links).
import DefaultTheme from 'vitepress/theme'
import { h } from 'vue'
import InkindContainer from './InkindContainer'

export default {
  extends: DefaultTheme,
  Layout: () =>
    h(DefaultTheme.Layout, null, {
      'doc-after': () => h(InkindContainer),
    }),
}
