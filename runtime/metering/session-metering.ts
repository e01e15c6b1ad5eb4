// A session's budget book and enforcement state. Kept on the session, not
// its view: a reload swaps the view, and must neither refill a budget nor
// lift a cutoff.
import { BudgetBook } from './budget-book.ts';
import type { SessionBudgets } from './budgets.ts';
import type { SessionState } from './enforcement.ts';

export class SessionMetering {
  state: SessionState = 'active';
  reason: string | undefined;
  readonly book: BudgetBook;

  constructor(readonly budgets: SessionBudgets) {
    this.book = new BudgetBook(budgets);
  }
}
