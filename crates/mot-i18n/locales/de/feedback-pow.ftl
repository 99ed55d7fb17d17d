## The customer's page under a burst of answers: a short proof of work
## (no puzzle to solve), or, without scripts, "try again in a minute".

feedback-busy = Gerade kommen sehr viele Antworten über diesen Link. Bitte versuchen Sie es in einer Minute noch einmal.
feedback-pow-intro = Gerade kommen sehr viele Antworten, deshalb macht Ihr Telefon vor dem Senden eine kurze Prüfung. Das dauert einen Augenblick, Sie müssen nichts tun.
feedback-pow-label = Prüfung, dass hier ein Mensch antwortet
feedback-pow-verifying = Wird geprüft …
feedback-pow-verified = Geprüft. Sie können Ihre Antwort senden.
feedback-pow-error = Die Prüfung hat nicht geklappt. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.
feedback-pow-expired = Die Prüfung ist abgelaufen. Bitte laden Sie die Seite neu.
feedback-pow-required = Bitte warten Sie, bis die Prüfung fertig ist, und senden Sie dann.
feedback-proof-failed = Die Prüfung ist nicht bestanden. Sie läuft noch einmal; bitte senden Sie Ihre Antwort, sobald sie fertig ist.
feedback-proof-used = Diese Prüfung wurde schon für eine andere Antwort verwendet. Eine neue läuft; bitte senden Sie, sobald sie fertig ist.
js-feedback-checking = Vor dem Senden wird geprüft …
