# الصادرات (mot-export): نموذج تخطيط نقاط الاتصال، وتقرير تدقيق نقاط
# الاتصال، وملف تقويم الجلسة التالية.

## مشترك بين جميع الصيغ

export-rating-miserable = بائس
export-rating-neutral = محايد
export-rating-magical = ساحر

export-rater-manager = مدير
export-rater-staff = موظف
export-rater-friend = صديق
export-rater-mystery-shopper = متسوق خفي
export-rater-customer = عميل

export-page = الصفحة { $page } من { $count }
export-continued = (تتمة)
export-xlsx-cut = اقتُطع عند حدّ Excel البالغ { $limit } حرفًا للخلية الواحدة؛ يتضمن تصدير CSV النص كاملًا

## نموذج تخطيط نقاط الاتصال

export-form-title = نموذج تخطيط نقاط الاتصال
export-form-col-channel = القناة
export-form-col-moment = لحظة الحقيقة
export-form-col-description = الوصف
export-form-col-expectation = ما يتوقعه العملاء
export-form-col-reality = ما يحدث الآن
export-form-col-issue = المشكلة
export-form-col-ranking = التقييم
export-form-col-action = الإجراء
export-form-col-priority = الأولوية
export-form-priority-yes = نعم
export-form-no-channel = لا توجد قناة بعد
export-form-empty = لا توجد لحظات في رحلة العميل هذه بعد.
export-form-issue-expect = ما يتوقعه العملاء: { $text }
export-form-issue-now = ما يحدث الآن: { $text }
export-form-issue-issue = المشكلة: { $text }
export-form-action = { $what } ({ $owner })
export-form-action-due = { $what } ({ $owner }، بحلول { $date })
export-form-action-step = { $number }. { $text }
export-form-action-step-due = { $number }. { $text }، بحلول { $date }
export-form-action-step-measure = ({ $measure })
export-form-action-step-done = ✓ منجز

## تقرير تدقيق نقاط الاتصال

export-audit-title = تدقيق نقاط الاتصال
export-audit-col-phase = المرحلة
export-audit-col-item = البند
export-audit-col-mean = المتوسط
export-audit-col-median = الوسيط
export-audit-col-spread = التشتت
export-audit-col-count = العدد
export-audit-col-change = التغير منذ الجولة السابقة
export-audit-col-gap = الفجوة بين المجموعات
export-audit-col-flags = التنبيهات
export-audit-col-inconsistency = عدم الاتساق
export-audit-col-rater-group = مجموعة المقيِّمين
export-audit-col-branch = الفرع
export-audit-col-comment = التعليق
export-audit-mean-at = المتوسط في { $branch }
export-audit-flag-gap = ⚑ فجوة
export-audit-flag-inconsistent = ⚑ غير متسق
export-audit-branch-unnamed = الفرع { $id }
export-audit-by-phase = حسب المرحلة
export-audit-by-group = حسب مجموعة المقيِّمين
export-audit-by-branch = حسب الفرع
export-audit-comments = تعليقات المقيِّمين
export-audit-comments-none = تعليقات المقيِّمين: لم يُسلَّم أي تعليق.
export-audit-responses = سلّم { $handed_in } من أصل { $sent } { $sent ->
        [zero] مقيِّم
        [one] مقيِّم
        [two] مقيِّمَين
        [few] مقيِّمين
        [many] مقيِّمًا
       *[other] مقيِّم
    } إجاباتهم
export-audit-drafts = { $drafts ->
        [one] (لدى مقيِّم آخر إجابات لم يسلّمها بعد، ولا تُحتسب)
        [two] (لدى مقيِّمَين آخرَين إجابات لم يسلّماها بعد، ولا تُحتسب)
       *[other] (لدى { $drafts } مقيِّمين آخرين إجابات لم يسلّموها بعد، ولا تُحتسب)
    }
export-audit-legend = تتراوح الدرجات من ١ (منخفضة) إلى ١٠ (مرتفعة)؛ والتشتت هو الانحراف المعياري (مدى ابتعاد الدرجات عن المتوسط: ٠ عندما يعطي جميع المقيِّمين الدرجة نفسها). لا تُحتسب إلا الإجابات المسلَّمة. { $gap_flag }: يختلف متوسطا مجموعتين من المقيِّمين بمقدار { $gap } نقطة أو أكثر زيادةً على الفجوة المعتادة بينهما في هذه الجولة (لا تُعلَّم مجموعة تقيّم دائمًا بدرجات أعلى). { $inconsistent_flag }: تختلف متوسطات الفروع بمقدار { $inconsistent } نقطة أو أكثر (عدم الاتساق هو أعلى متوسط بين الفروع مطروحًا منه أدناها).
export-audit-gap = { $high } { $high_mean } مقابل { $low } { $low_mean } ({ $points })
export-audit-sheet-items = البنود
export-audit-sheet-summary = الملخص
export-audit-sheet-heat-map = الخريطة الحرارية
export-audit-sheet-comments = التعليقات
export-audit-print-items = تدقيق نقاط الاتصال: البنود
export-audit-print-summary = تدقيق نقاط الاتصال: الملخص
export-audit-print-heat-map = تدقيق نقاط الاتصال: الخريطة الحرارية
export-audit-print-comments = تدقيق نقاط الاتصال: التعليقات
export-audit-items-note = { $responses }، البنود ذات الدرجات الأدنى أولًا
export-audit-heat-note = متوسط الدرجة لكل بند وفرع، من ١ (منخفضة، أحمر) إلى ١٠ (مرتفعة، أخضر)؛ { $none } حيث لم يقيّم أحد. عدم الاتساق: أعلى متوسط بين الفروع مطروحًا منه أدناها؛ ⚑ عند { $inconsistent } فأكثر.
export-audit-no-comments = لم يُسلَّم أي تعليق.
export-audit-comments-note = تعليقات المقيِّمين على كل بند، مع مجموعتهم وفرعهم (دون ذكر الشخص أبدًا).
export-audit-pdf-intro = { $responses }. البنود ذات الدرجات الأدنى أولًا. { $legend } الخريطة الحرارية: كل خلية هي متوسط الفرع، ملوّنة من الأحمر (منخفض) مرورًا بالأصفر إلى الأخضر (مرتفع)؛ { $none } حيث لم يقيّم أحد.
export-audit-no-items = لا تحتوي هذه الجولة على أي بنود.
export-audit-items-heading = البنود، الأدنى درجةً أولًا
export-audit-heat-heading = الخريطة الحرارية: متوسط الدرجة لكل بند وفرع
export-audit-heat-part = { $heading } (الفروع { $from }–{ $to } من { $total })

## ملف تقويم الجلسة التالية

export-ics-summary = لحظات الحقيقة: { $journey }
export-ics-description = متابعة لـ«{ $session }». اللوحة: { $url }

## أوراق الآراء (بطاقات الطاولات والملصقات مع رمز QR للحظة)

export-sheet-title = آراء العملاء: { $business }
export-sheet-scan = امسح الرمز للإجابة — يستغرق عشر ثوانٍ

## Customers' answers (CSV, XLSX)
export-feedback-sheet = الإجابات
export-feedback-col-date = التاريخ
export-feedback-col-moment = اللحظة
export-feedback-col-branch = الفرع
export-feedback-col-answer = الإجابة
export-feedback-col-reason = السبب
export-feedback-col-comment = التعليق
export-feedback-col-flagged = معلَّمة
export-feedback-flagged-yes = معلَّمة، غير محسوبة

## A journey's customer feedback report (PDF, CSV, XLSX)
export-feedback-report-title = تقرير آراء العملاء
export-feedback-report-intro = إجابات العملاء في آخر { $days } يومًا، من { $from } إلى { $to }؛ أُعدّ في { $made }. تُقيَّم كل لحظة بأنها أسوأ مما توقعه العملاء أو كما توقعوا أو أفضل. تتراوح النتيجة من −100 (الكل أسوأ) إلى +100 (الكل أفضل)؛ والمدى بعدها هو حيث تقع النتيجة الحقيقية بثقة 95 %. تحت { $min } إجابة تكون الإجابات أقل من أن يُحكم بها. الإجابات المعلَّمة لا يحسبها أي رقم.
export-feedback-report-moments-heading = اللحظات، بترتيب اللوحة
export-feedback-report-no-moments = لا لحظات في هذه الرحلة بعد.
export-feedback-report-too-few = أقل من أن يُحكم بها
export-feedback-report-no-answers = لا إجابات بعد
export-feedback-report-total = كل الإجابات
export-feedback-report-range = من { $low } إلى { $high }
export-feedback-report-answers = { $n ->
        [zero] لا إجابات
        [one] إجابة واحدة
        [two] إجابتان
        [few] { $n } إجابات
       *[other] { $n } إجابة
    }
export-feedback-report-col-answers = الإجابات
export-feedback-report-col-score = النتيجة
export-feedback-report-col-range = مدى 95 %
export-feedback-report-col-team = تقييم الفريق
export-feedback-report-col-gap = الفريق والعملاء
export-feedback-report-blind-spot = نقطة عمياء: يقيّمها الفريق أعلى من عملائه بـ { $points } نقطة
export-feedback-report-modesty = تواضع: يقيّمها العملاء أعلى من الفريق بـ { $points } نقطة
export-feedback-report-months-heading = شهرًا بعد شهر، آخر ستة أشهر كاملة حتى نهاية الفترة (أطول من الفترة إن كانت أقصر): درجة كل لحظة، كل الفروع معًا
# A month's column: $month its name, $year.
export-feedback-report-month = { $month } { $year }
export-feedback-report-alerts-heading = ما تقوله الاتجاهات الآن
export-feedback-report-col-alert = تنبيه
export-feedback-report-no-alerts = لا تنبيهات: لا لحظة تخرج آخر أسابيعها عمّا يفسره ماضيها.
export-feedback-report-branches-heading = كل لحظة عبر الفروع: النتيجة والإجابات
export-feedback-report-branches-part = { $heading } (الفروع { $from }–{ $to } من { $total })
export-feedback-report-col-consistency = عبر الفروع
export-feedback-report-branches-differ = ⚑ تختلف الفروع أكثر مما تفسره الصدفة: من { $low } إلى { $high }
export-feedback-report-branches-alike = من { $low } إلى { $high }، ضمن حدود الصدفة
export-feedback-report-comments-heading = أحدث التعليقات (أحدث { $n } محسوبة)
export-feedback-report-no-comments = لا تعليقات في هذه الفترة.
export-feedback-report-col-worse-share = أسوأ (%)
export-feedback-report-col-as-expected-share = كما هو متوقع (%)
export-feedback-report-col-better-share = أفضل (%)
export-feedback-report-col-score-low = النتيجة، الحد الأدنى 95 %
export-feedback-report-col-score-high = النتيجة، الحد الأعلى 95 %
export-feedback-report-col-note = ملاحظة
export-feedback-report-col-gap-points = الفجوة (نقاط)
export-feedback-report-col-alerts = التنبيهات الآن
export-feedback-report-kind-blind-spot = نقطة عمياء
export-feedback-report-kind-modesty = تواضع
export-feedback-report-sheet-figures = الأرقام
export-feedback-report-sheet-comments = التعليقات
export-feedback-report-download = تقرير هذه الفترة:

export-map-title = خريطة الرحلة: { $journey }
export-map-priority = أولوية
export-map-no-channel = بلا قناة بعد
export-map-actions = { $count ->
    [zero] لا إجراءات
    [one] إجراء واحد
    [two] إجراءان
    [few] { $count } إجراءات
    [many] { $count } إجراءً
   *[other] { $count } إجراء
}
export-map-drawn-on = رُسمت في { $date }
export-map-session = جلسة «{ $session }» بتاريخ { $date }
export-map-next = الجلسة التالية { $date }

## The client report pack.
# $business is the client's name.
export-pack-title = تقرير { $business }
export-pack-intro = تجمع هذه الحزمة موقف { $business } من لحظات الحقيقة لدى عملائه:
# $part names a part of the pack that has nothing yet.
export-pack-missing = { $part }: لا شيء بعد
# $session is the session's title, $date its day.
export-pack-part-form = نموذج تخطيط آخر جلسة، { $session } ({ $date })
export-pack-part-actions = { $count ->
    [one] حالة الإجراء المفتوح الوحيد
   *[other] حالة الإجراءات المفتوحة وعددها { $count }
}
# $round is the audit round's name.
export-pack-part-audit = نتائج آخر تدقيق، { $round }
export-pack-part-feedback = { $count ->
    [one] ما قاله العملاء عن رحلة واحدة
   *[other] ما قاله العملاء عن كل رحلة من { $count } رحلات
}
export-pack-contact = مستشارك
export-pack-actions = الإجراءات المفتوحة
export-pack-no-actions = لا إجراءات مفتوحة.
export-pack-col-journey = الرحلة
export-pack-col-action = الإجراء
export-pack-col-owner = من
export-pack-col-due = الموعد
export-pack-col-status = الحالة
export-pack-open = مفتوح
export-pack-doing = قيد التنفيذ
export-pack-done = منجز
export-pack-dropped = متروك
export-pack-overdue = متأخر
