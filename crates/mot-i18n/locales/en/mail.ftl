## E-mail

mail-alert-subject = Customer alert: { $moment }
mail-alert-text =
    { $alert }
    Moment: { $moment } (journey: { $journey })
    Period: { $period }
    Answers: { $answers } ({ $worse } % worse, { $better } % better)
    See the figures and decide what to do (open an action, put it on the next session's agenda, or dismiss it):
    { $link }
    You receive this because you own this workspace in Moments of Truth.
