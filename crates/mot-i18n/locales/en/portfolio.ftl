## An adviser's portfolio: every client business in one table.

portfolio-title = Portfolio
portfolio-heading = Every client at a glance
portfolio-intro = Sessions, actions, the latest audit and what customers say, for every business of this workspace. Those that need attention come first.
portfolio-link = Portfolio: every client at a glance
portfolio-empty = No businesses yet. Add your first client on the home page.
portfolio-none-match = No client matches.
portfolio-filter = Find a client
portfolio-only-attention = Only those that need attention
portfolio-apply = Show
portfolio-sort-by = Sort by { $column }
portfolio-sorted = sorted
portfolio-download = Download as CSV
portfolio-count = { $shown } of { $total } clients
portfolio-col-client = Client
portfolio-col-last-session = Last session
portfolio-col-next-session = Next session
portfolio-col-open-actions = Open actions
portfolio-col-overdue-actions = Overdue actions
portfolio-col-audit = Audit score (1–10)
portfolio-col-audit-scores = Audit scores
portfolio-col-audit-change = Audit change
portfolio-col-customers = Customers' score (−100 to +100)
portfolio-col-customer-answers = Customer answers (90 days)
portfolio-col-customers-change = Customers' change
portfolio-col-attention = Needs attention
portfolio-none = —
portfolio-nothing = nothing
# $n is how many scores or answers stand behind the figure.
portfolio-from = from { $n }
portfolio-attention-overdue = { $count ->
    [one] 1 action overdue
   *[other] { $count } actions overdue
}
portfolio-attention-customers = customers' score fell { $points } points
portfolio-attention-audit = audit score fell { $points } points
portfolio-attention-no-session-booked = no next session booked
portfolio-attention-no-session-yet = no session yet
