## A feedback point's own question, closing its link, and a customer's consent to be contacted

feedback-question-title = The question
feedback-question-label = Your own wording (leave empty for the standard question)
feedback-question-hint = One line. Customers see it above the three answers, and it is printed on the cards and the poster.
feedback-save-question = Save the question
feedback-qr-download-png = Download the QR code (PNG)
feedback-close-title = Stop asking
feedback-close-text = Closing this link stops it taking answers: customers who scan it are thanked and told it is no longer in use. The answers it took stay in the figures. You can open it again.
feedback-close = Close this link
feedback-closed-title = This link is closed
feedback-closed-text = It takes no answers now. Customers who open it are thanked and told it is no longer in use.
feedback-reopen = Open it again
feedback-bad-open = Choose to close the link or to open it again.
feedback-contact-summary = May we get back to you? (optional)
feedback-contact-consent = Yes, { $business } may contact me about this answer.
feedback-contact-email = Your e-mail address
feedback-contact = Contact: { $email }
rule-feedback-contact-email = Give the e-mail address we may contact you at, or untick the box.

## The same moment across branches, beside its standard

feedback-standard = Standard:
feedback-branches-differ = Branches differ beyond chance: scores from { $low } to { $high } across { $n } branches with enough answers.
feedback-branches-alike = Branches alike within chance: scores from { $low } to { $high } across { $n } branches with enough answers.

## Journey surveys: one link about several moments

feedback-survey-heading = A few quick questions from { $business }
feedback-survey-intro = Answer the ones you can; skip the rest. It takes a minute.
feedback-survey-add-comment = Add a comment
feedback-survey-new = Ask about several moments at once
feedback-survey-new-text = One link that asks about up to { $max } moments, for example in an e-mail after delivery about ordering, delivery day and installation. Each answer counts for its own moment.
feedback-survey-title = Name (customers see it as the heading)
feedback-survey-title-example = After your delivery
feedback-survey-moments = Moments it asks about
feedback-survey-make = Make the survey link
feedback-surveys = Surveys
feedback-survey-asks = { $n ->
    [one] asks about 1 moment
   *[other] asks about { $n } moments
}
feedback-survey-closed = closed
feedback-survey-hand-out-text = Put this link in an e-mail or on a receipt. Customers answer each moment as Worse, As expected or Better, and may skip any.
feedback-survey-counts = Each answer counts in its moment's figures on { $figures }.
rule-feedback-survey-moments = Choose between 1 and { $max } moments to ask about.
rule-feedback-survey-empty = Answer at least one of the questions.
thing-survey = survey
thing-survey-link = survey link

## A note whose magic fades into expectation

board-worse = worse than usual
board-worse-title = More customers said "worse" here lately than this moment's past explains.
board-fading = magic fading
board-fading-title = Customers say "better" less and less often here: what delighted them is becoming what they expect.
