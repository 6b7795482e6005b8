import type { Db } from '../db/client.ts'

/** What every domain verb runs with. Tests hand in a fresh database and a fixed clock. */
export interface Ctx {
  db: Db
  clock: () => Date
  /** SMTP is set up: readers shown their code in the widget also get a copy by email. */
  emailCopies?: boolean
}
