## The customer's page under a burst of answers: a short proof of work
## (no puzzle to solve), or, without scripts, "try again in a minute".

feedback-busy = تصل إجابات كثيرة عبر هذا الرابط الآن. يُرجى المحاولة مرة أخرى بعد دقيقة.
feedback-pow-intro = تصل إجابات كثيرة الآن، لذلك يُجري هاتفك فحصًا قصيرًا قبل الإرسال. يستغرق ذلك لحظة ولا يتطلب منك شيئًا.
feedback-pow-label = التحقق من أن المجيب إنسان
feedback-pow-verifying = جارٍ التحقق…
feedback-pow-verified = تم التحقق. يمكنك إرسال إجابتك.
feedback-pow-error = لم ينجح التحقق. يُرجى إعادة تحميل الصفحة والمحاولة مرة أخرى.
feedback-pow-expired = انتهت صلاحية التحقق. يُرجى إعادة تحميل الصفحة.
feedback-pow-required = يُرجى الانتظار حتى ينتهي التحقق، ثم الإرسال.
feedback-proof-failed = لم ينجح التحقق. بدأ من جديد؛ يُرجى إرسال إجابتك عند انتهائه.
feedback-proof-used = استُخدم هذا التحقق لإجابة أخرى. بدأ تحقق جديد؛ يُرجى الإرسال عند انتهائه.
js-feedback-checking = جارٍ التحقق قبل الإرسال…
