import type { Frame, Page } from 'playwright-core'

export const ENGLISH = { comment: 'Comment', name: 'Name', email: 'Email', submit: 'Post comment' }

/** A reader fills in the widget (on a page, or in a frame) and posts, taking the few seconds a person takes (minSecondsOnPage). */
export async function writeComment(page: Page | Frame, c: { name: string; email: string; body: string }, labels = ENGLISH) {
  const w = page.locator('#inkind')
  await w.getByLabel(labels.comment, { exact: true }).fill(c.body)
  await w.getByLabel(labels.name, { exact: true }).fill(c.name)
  await w.getByLabel(labels.email, { exact: true }).fill(c.email)
  await page.waitForTimeout(3100)
  await w.getByRole('button', { name: labels.submit }).click()
  await w.locator('.reward').waitFor()
}
