/**
 * The form a code is looked up by: what a customer types at a checkout, with
 * case, spaces and dashes ignored and Crockford's look-alikes folded
 * (O → 0, I and L → 1), so "thanks-abc o1l" finds "THANKS-ABC011".
 */
export function codeKey(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
}
