import { useEffect, useRef, useState } from 'preact/hooks'

/** Seconds a change waits, undoable, before it is sent. */
export const UNDO_SECONDS = 8

interface Scheduled {
  send: (keepalive: boolean) => Promise<unknown>
  undo: () => void
  timer: ReturnType<typeof setTimeout>
  tick: ReturnType<typeof setInterval>
}

/**
 * A change shown as done at once but sent only after UNDO_SECONDS, so Undo
 * can take it back without the server ever having seen it (no webhook fired,
 * nothing to reverse). Scheduling another change, leaving the page or closing
 * the tab (a keepalive request) sends the waiting one at once.
 */
export function useDelayedAction() {
  const [waiting, setWaiting] = useState<{ what: string; left: number } | null>(null)
  const current = useRef<Scheduled | null>(null)

  const stop = () => {
    const s = current.current
    if (!s) return null
    clearTimeout(s.timer)
    clearInterval(s.tick)
    current.current = null
    setWaiting(null)
    return s
  }
  const flush = (keepalive = false) => void stop()?.send(keepalive)

  const schedule = (what: string, send: Scheduled['send'], undo: Scheduled['undo']) => {
    flush()
    current.current = {
      send,
      undo,
      timer: setTimeout(() => flush(), UNDO_SECONDS * 1000),
      tick: setInterval(() => setWaiting((w) => w && { ...w, left: Math.max(0, w.left - 1) }), 1000),
    }
    setWaiting({ what, left: UNDO_SECONDS })
  }

  useEffect(() => {
    const leaving = () => flush(true)
    addEventListener('pagehide', leaving)
    return () => {
      removeEventListener('pagehide', leaving)
      flush()
    }
  }, [])

  return { waiting, schedule, undo: () => stop()?.undo() }
}
