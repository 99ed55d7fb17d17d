## The customer's page under a burst of answers: a short proof of work
## (no puzzle to solve), or, without scripts, "try again in a minute".

feedback-busy = Many answers are arriving at this link just now. Please try again in a minute.
feedback-pow-intro = Many answers are arriving just now, so your phone does a short check before sending. It takes a moment and needs nothing from you.
feedback-pow-label = Checking this is a person
feedback-pow-verifying = Checking…
feedback-pow-verified = Checked. You may send your answer.
feedback-pow-error = The check did not work. Please reload the page and try again.
feedback-pow-expired = The check has expired. Please reload the page.
feedback-pow-required = Please wait for the check to finish, then send.
feedback-proof-failed = The check did not pass. It has started again; please send your answer once it is done.
feedback-proof-used = This check was already used for another answer. A new one has started; please send once it is done.
js-feedback-checking = Checking before sending…
