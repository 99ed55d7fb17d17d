# Customer feedback: the customer's page, a journey's figures, handing out a link.

## What a customer says, compared with what they expected
feedback-verdict-worse = أسوأ
feedback-verdict-as-expected = كما توقعت
feedback-verdict-better = أفضل

## The customer's page
feedback-question = كيف كانت «{ $moment }» مقارنةً بما توقعته؟
feedback-reason-legend = ما الذي كان أهم شيء؟ (اختياري)
feedback-comment-label = هل تود أن تخبرنا بشيء؟ (اختياري)
feedback-customer-field-comment = تعليقك
feedback-trap-label = اترك هذا الحقل فارغًا
feedback-send = إرسال
feedback-privacy = إجابتك مجهولة الهوية ما لم تترك عنوانك. لا حساب ولا تتبع.
feedback-thanks = شكرًا لك!
feedback-thanks-text = تساعد إجابتك { $business } على التحسن فيما يهمك.
feedback-link-gone = رابط الملاحظات هذا غير مستخدم (أو لم يعد مستخدمًا). شكرًا لك على أي حال.
feedback-gone-title = شكرًا لزيارتك
feedback-busy-title = لحظة من فضلك
feedback-not-taken-title = لم تُقبل إجابتك

## A journey's figures
feedback-title = ملاحظات العملاء
feedback-intro = ما يقوله العملاء عن كل لحظة مقارنةً بما توقعوه: أسوأ أو كما توقعوا أو أفضل. تتراوح الدرجة من −١٠٠ (الكل أسوأ) إلى +١٠٠ (الكل أفضل)؛ والمدى الذي يليها هو حيث تقع الدرجة الحقيقية بثقة ٩٥٪.
feedback-period = الفترة
feedback-last-days = آخر { $days } يومًا
feedback-show = عرض
feedback-bad-period = اختر فترة من ١ إلى ٣٦٦٠ يومًا.
feedback-bad-period-kind = اختر الاتجاه حسب الأسبوع أو حسب الشهر.
feedback-period-from = من
feedback-period-to = إلى
feedback-period-dates = أو اختر التواريخ
feedback-period-between = من { $from } إلى { $to }
feedback-xlsx-too-many = أكثر من { $max } إجابة: عدد كبير جدًا لملف جدول بيانات. خذ ملف CSV الذي يضمها كلها، أو فترة أقصر.
feedback-no-moments = لا توجد لحظات في هذه الرحلة بعد. أضف ملاحظات إلى لوحتها أولًا، ثم اسأل العملاء عنها هنا.
feedback-no-answers = لا توجد إجابات بعد.
feedback-score = الدرجة { $score }
feedback-interval = (٩٥٪: من { $low } إلى { $high })
feedback-share-range = (من { $low } إلى { $high }٪)
feedback-range = من { $low } إلى { $high }
feedback-too-few = أقل من أن يُحكم بها (أقل من { $min } إجابة)
feedback-too-few-short = قليلة جدًا للحكم
feedback-score-head = الدرجة (95 %)
feedback-answers-head = الإجابات
feedback-answers = { $n ->
        [zero] لا إجابات
        [one] إجابة واحدة
        [two] إجابتان
        [few] { $n } إجابات
       *[other] { $n } إجابة
    }
feedback-by-branch = حسب الفرع
feedback-figures = ما يقوله العملاء
feedback-every-branch = كل الفروع
feedback-no-branch = كل الفروع (لم يُذكر فرع)
feedback-point-link = الرابط ورمز QR: { $branch }
feedback-point-closed = (مغلق: لا يستقبل إجابات)
feedback-ask = اسأل العملاء

## A feedback point
feedback-hand-out = وزّعه
feedback-hand-out-text = اطبع رمز QR على الإيصالات أو بطاقات الطاولات أو الملصقات، أو ضع الرابط في رسالة بريد إلكتروني. إنه يسأل عن هذه اللحظة فقط؛ ولا يستطيع العملاء تغيير ما يقيّمونه.
feedback-qr-label = رمز QR لرابط الملاحظات
feedback-link = رابط الملاحظات
feedback-open = افتح صفحة العميل
feedback-qr-download = نزّل رمز QR ‏(SVG)
feedback-reasons = أسباب يمكن للعملاء اختيارها
feedback-reasons-hint = سبب في كل سطر، { $max } على الأكثر، مثل { $example }. يمكن للعملاء اختيار سبب واحد أو لا شيء. هذه الأسباب للحظة نفسها: يعرضها رابط كل فرع وكل استبيان يسأل عنها.
feedback-reasons-example = وقت الانتظار، اللطف
feedback-save-reasons = حفظ الأسباب

## The team's view beside the customers'
feedback-team = الفريق:
feedback-not-rated = لم يُقيَّم بعد
feedback-audit = التدقيق:
feedback-not-audited = لم يُدقَّق بعد
feedback-gaps = حيث يختلف الفريق والعملاء
feedback-no-gaps = لا اختلاف واضح. تظهر اللحظة هنا حين يقيّمها الفريق في جلسة ويعطي العملاء { $min } إجابة على الأقل يستبعد مداها تقييم الفريق.
feedback-blind-spot = نقطة عمياء:
feedback-modesty = تواضع:
feedback-gap-line = يقول الفريق { $team }، والعملاء { $score } ({ $n } إجابة)

## Comments
feedback-comments = ما كتبه العملاء
feedback-read-comments = اقرأ التعليقات
feedback-filter-moment = اللحظة
feedback-filter-any = الكل
feedback-filter-verdict = الإجابة
feedback-filter-search = كلمات
feedback-no-comments = لا تعليقات مطابقة. تظهر تعليقات العملاء هنا فور وصولها.
feedback-older = تعليقات أقدم

## The customer's page script
js-feedback-sending = جارٍ الإرسال…
js-feedback-kept-busy = حُفظت على هذا الهاتف. تعذّر إرسالها الآن وستُعاد المحاولة بعد قليل: أبقِ هذه الصفحة مفتوحة، أو افتح هذا الرابط مرة أخرى لاحقًا.
js-feedback-kept = حُفظت على هذا الهاتف. ستُرسل فور عودتك إلى الاتصال: أبقِ هذه الصفحة مفتوحة، أو افتح هذا الرابط مرة أخرى لاحقًا.
js-feedback-refused = لم تُقبل إجابتك (الخطأ { $status }).

## Over time
feedback-trend = عبر الزمن
feedback-trend-intro = كم عميلًا أجاب بأسوأ وبأفضل، فترةً بعد فترة. الخطوط المتقطعة هي الحدود التي تفسرها الصدفة، من ماضي هذه اللحظة نفسها؛ تُعلَّم الفترة التي تتجاوزها، ولا تُعلَّم إجابة واحدة أبدًا.
feedback-trend-every-branch-together = كل الفروع معًا
feedback-by-week = حسب الأسبوع
feedback-by-month = حسب الشهر
feedback-week-of = أسبوع { $date }
feedback-month-of = شهر من { $date }
feedback-alert-still-week = لا يزال كذلك في أسبوع { $date }
feedback-alert-still-month = لا يزال كذلك في الشهر من { $date }
feedback-answers-col = الإجابات
feedback-limits = المدى المعتاد
feedback-beyond-limits = خارج المدى المعتاد
feedback-trend-table = الأرقام لكل فترة
feedback-chart-label = نسب الإجابات بأسوأ وبأفضل لكل فترة، مع مداها المعتاد
feedback-chart-legend = المتقطع: المدى المعتاد (العلامات المملوءة خارجه)
feedback-alert-worse = يقول عملاء أكثر «أسوأ» مما يفسره ماضي هذه اللحظة.
feedback-alert-fading = السحر يصبح توقعًا: يقول عملاء أقل «أفضل» مما يفسره ماضي هذه اللحظة.
feedback-alerts = تنبيهات

## Flagged answers
feedback-filter-flagged = الإجابات المعلَّمة (لا يحسبها أي رقم)
feedback-flagged-intro = بدت هذه الإجابات مريبة (ملأ روبوت الحقل المخفي في النموذج مثلًا، أو علّمها أحد). إنها محفوظة لكن لا يحسبها أي رقم؛ احسب إحداها إن كانت حقيقية.
feedback-filter-reason = السبب:
feedback-filter-reason-clear = اعرض كل الأسباب
feedback-filter-by-reason = اعرض الإجابات بهذا السبب فقط
feedback-flag = علّمها: لا تحسبها
feedback-unflag = احسبها على أي حال
feedback-trend-empty = لا إجابات في هذه المدة بعد. وزّع رابط اللحظة أو رمز QR الخاص بها؛ يمتلئ المسار كلما أجاب العملاء.
feedback-trend-no-range-yet = يظهر النطاق المعتاد حين تكون لـ{ $n } فترات على الأقل إجابات؛ قبل ذلك لا يقول الكثير.
feedback-print-cards = اطبع بطاقات الطاولات (أربع بحجم A6 في الصفحة، PDF)
feedback-print-poster = اطبع ملصقًا (A4، PDF)
feedback-bad-sheet-size = اختر a6 (بطاقات الطاولات) أو a4 (ملصق).
feedback-download = كل إجابات هذه الفترة:
