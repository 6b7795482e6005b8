import { useEffect, useRef, useState } from 'preact/hooks'
import type { AdminCode } from '../shared/admin.ts'
import { DECIMAL_AMOUNT } from '../shared/money.ts'
import { UNDO_SECONDS } from './delayed-action.ts'
import { CURRENCIES } from './locales.ts'

/** What the owner decided in the dialog. */
export type CodeDecision = { action: 'revoke'; reason: string } | { action: 'redeem'; orderRef: string; orderTotal?: string; currency?: string }

/** The currency last used for an order total, offered again. */
const LAST_CURRENCY = 'inkind.orderCurrency'

/**
 * Revoking a code or marking it redeemed, in the page (not the browser's
 * confirm box): a reason for the audit log, or the order number and, if the
 * owner knows it, the order's total for the revenue stats.
 */
export function CodeActionDialog({
  code,
  action,
  onDecide,
  onClose,
}: {
  code: AdminCode
  action: CodeDecision['action']
  onDecide: (d: CodeDecision) => void
  onClose: () => void
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [reason, setReason] = useState('')
  const [orderRef, setOrderRef] = useState('')
  const [total, setTotal] = useState('')
  const [currency, setCurrency] = useState(() => localStorage.getItem(LAST_CURRENCY) ?? '')
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => dialog.current?.showModal(), [])
  const revoke = action === 'revoke'

  const submit = (e: Event) => {
    e.preventDefault()
    if (revoke) return onDecide({ action, reason: reason.trim() })
    const amount = total.trim().replace(',', '.')
    if (amount && !DECIMAL_AMOUNT.test(amount)) return setProblem('The total is an amount such as 49.90, not negative.')
    if (amount && !currency) return setProblem('Choose the currency of the total.')
    if (amount) localStorage.setItem(LAST_CURRENCY, currency)
    onDecide({ action, orderRef: orderRef.trim(), ...(amount ? { orderTotal: amount, currency } : {}) })
  }

  return (
    <dialog ref={dialog} class="code-dialog" aria-labelledby="code-dialog-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="code-dialog-title">
          {revoke ? 'Revoke' : 'Mark redeemed'} <code>{code.code}</code>
        </h2>
        <p class="hint">
          {code.readerName} · {code.email} · {code.label}
        </p>
        {revoke ? (
          <>
            <p>The shop will refuse this code. You can undo for {UNDO_SECONDS} seconds.</p>
            <label>
              Reason (for the audit log)
              <textarea rows={2} maxLength={200} value={reason} onInput={(e) => setReason(e.currentTarget.value)} placeholder="Same reader, second address" />
            </label>
          </>
        ) : (
          <>
            <p>For an order the shop did not report. You can undo for {UNDO_SECONDS} seconds.</p>
            <label>
              Order number
              <input maxLength={200} value={orderRef} onInput={(e) => setOrderRef(e.currentTarget.value)} placeholder="#1001" />
            </label>
            <div class="pair">
              <label>
                Order total (optional)
                <input inputMode="decimal" value={total} onInput={(e) => setTotal(e.currentTarget.value)} placeholder="49.90" />
              </label>
              <label>
                Currency
                <select value={currency} onChange={(e) => setCurrency(e.currentTarget.value)}>
                  <option value="">—</option>
                  {CURRENCIES.map((c) => (
                    <option value={c.code} title={c.name}>
                      {c.code}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </>
        )}
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" class={revoke ? 'danger' : 'primary'}>
            {revoke ? 'Revoke' : 'Mark redeemed'}
          </button>
        </div>
      </form>
    </dialog>
  )
}
