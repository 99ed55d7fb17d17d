# تدقيق نقاط الاتصال: الفروع والقوالب والجولات وروابط المقيِّمين وصفحة
# المقيِّم والنتائج مع الخريطة الحرارية (البند × الفرع) والمعايير.

## فئات المقيِّمين
audit-group-manager = مدير
audit-group-staff = موظف
audit-group-friend = صديق
audit-group-mystery-shopper = متسوّق خفي
audit-group-customer = عميل
audit-link-label = { $group } { $number }

## كلمات مشتركة
audit-closed = مغلقة
audit-save = حفظ
audit-remove = إزالة
audit-optional = (اختياري)
audit-back-to-audits = → عمليات التدقيق
audit-back-to-board = → العودة إلى اللوحة
audit-back-to-round = → { $round }
audit-results = النتائج
audit-of = { $done } من { $total }

## صفحة النشاط التجاري: الفروع والجولات والقوالب
audit-branches = الفروع
audit-branches-hint = المواقع أو الأقسام. يقارن التدقيق بينها، لأن الاتساق هدف قائم بذاته.
audit-branches-empty = لا توجد فروع بعد. أضف فرعًا واحدًا على الأقل لبدء التدقيق.
audit-branch-new = فرع جديد
audit-branch-placeholder = مثلًا: شارع الميناء
audit-branch-add = إضافة فرع
audit-heading = تدقيق نقاط الاتصال
audit-rounds = الجولات
audit-rounds-empty = لا توجد جولات تدقيق بعد.
audit-results-link = النتائج
audit-templates = القوالب
audit-templates-hint = القوالب ملك لمساحة العمل، فيستطيع المستشار استخدام القالب نفسه لكل عملائه.
audit-template-new = قالب جديد
audit-template-default = تدقيق لحظات الحقيقة (١٥ بندًا)
audit-template-from-journey = من رحلة العميل «{ $journey }» (بند لكل لحظة)
audit-template-from-round = من جولة التدقيق «{ $round }» (بنودها كما طُرحت)
audit-template-round-name = { $round } (قالب)
audit-template-create = إنشاء القالب
audit-round-start = بدء جولة
audit-round-name = الاسم
audit-round-default-name = تدقيق { $date }
audit-round-template = القالب
audit-round-opens = تبدأ في
audit-round-closes = تنتهي في
audit-round-start-button = ابدأ الجولة

## القالب
audit-template-hint = تسري التغييرات هنا على الجولات التي تبدأ لاحقًا؛ أما الجولة الجارية فتحتفظ بالبنود التي أجاب عنها مقيِّموها.
audit-template-empty = لا يحتوي هذا القالب على بنود بعد. أضف بندًا أدناه.
audit-phase-up = ↑ نقل المرحلة للأعلى
audit-phase-down = ↓ نقل المرحلة للأسفل
audit-item = البند
audit-item-guidance = إرشادات للمقيِّمين (المعيار)
audit-item-moment = اللحظة المرتبطة
audit-item-up = ↑ للأعلى
audit-item-down = ↓ للأسفل
audit-item-up-label = نقل للأعلى: { $item }
audit-item-down-label = نقل للأسفل: { $item }
audit-item-add-heading = إضافة بند
audit-item-phase = المرحلة
audit-item-phase-hint = (مرحلة موجودة، أو اسم جديد)
audit-item-guidance-short = الإرشادات
audit-item-add = إضافة البند
audit-default-phase = التفاعل

## الجولة
audit-round-items = { $count ->
    [zero] لا بنود
    [one] بند واحد
    [two] بندان
    [few] { $count } بنود
    [many] { $count } بندًا
   *[other] { $count } بند
}
audit-round-handed-in = المقيِّمون الذين سلّموا: { $count }
audit-links-new = روابط جديدة للمقيِّمين
audit-links-new-notice = انسخ هذه الروابط أو اطبعها الآن: كل رابط شخصي ولا يُعرض إلا مرة واحدة. (استخدم «تذكير» لإنشاء رابط جديد لاحقًا.)
audit-link-qr-label = رمز QR لـ { $rater }
audit-link-url-label = الرابط لـ { $rater }
audit-raters = المقيِّمون
audit-raters-empty = لم تتم دعوة أي مقيِّم بعد. أنشئ روابط شخصية أدناه وأرسلها، أو اعرض رموز QR الخاصة بها.
audit-col-rater = المقيِّم
audit-col-group = الفئة
audit-col-answers = الإجابات
audit-col-status = الحالة
audit-col-remind = تذكير
audit-status-handed-in = ✓ تم التسليم
audit-status-in-progress = قيد التنفيذ
audit-status-not-started = لم يبدأ
audit-remind = تذكير (رابط جديد)
audit-invite = دعوة المقيِّمين
audit-rater-group = فئة المقيِّمين
audit-labels = الأسماء أو التسميات، واحد في كل سطر
audit-labels-hint = (أو عدد، مثل ٢٠، لإنشاء ٢٠ رابطًا دون أسماء)
audit-labels-placeholder =
    سارة
    باسم
    عميل عند الصندوق
audit-make-links = إنشاء الروابط
audit-close-round = إغلاق الجولة

## صفحة المقيِّم
audit-rater-thanks = شكرًا لك: تم تسليم إجاباتك.
audit-rater-closed = هذا التدقيق مغلق. شكرًا لك.
audit-rater-not-yet = يبدأ هذا التدقيق في { $date }. يُرجى العودة حينها.
audit-rater-intro = قيّم كل بند من { $low } إلى { $high }، أو اختر «لا ينطبق». تُحفظ إجاباتك أولًا بأول، حتى دون اتصال: وتُرسل عند عودة الاتصال.
audit-rater-low = ١ (منخفض)
audit-rater-high = ١٠ (مرتفع)
audit-rater-standard = المعيار: { $standard }
audit-rater-score-label = التقييم لـ { $item }
audit-rater-na = لا ينطبق
audit-rater-comment = تعليق
audit-rater-hand-in = تسليم

## النتائج
audit-results-title = النتائج: { $round }
audit-results-heading = النتائج: { $round }
audit-results-handed-in = المقيِّمون الذين سلّموا: { $done } من { $total }
audit-results-against = التغيّر مقارنةً بـ«{ $round }»
audit-results-drafts = { $count ->
    [zero] لا يوجد مقيِّمون أجابوا دون أن يسلّموا.
    [one] أجاب مقيِّم واحد دون أن يسلّم بعد: لا تُحتسب هذه الإجابات حتى يسلّمها.
    [two] أجاب مقيِّمان دون أن يسلّما بعد: لا تُحتسب هذه الإجابات حتى يسلّماها.
    [few] أجاب { $count } مقيِّمين دون أن يسلّموا بعد: لا تُحتسب هذه الإجابات حتى يسلّموها.
    [many] أجاب { $count } مقيِّمًا دون أن يسلّموا بعد: لا تُحتسب هذه الإجابات حتى يسلّموها.
   *[other] أجاب { $count } مقيِّم دون أن يسلّموا بعد: لا تُحتسب هذه الإجابات حتى يسلّموها.
}
audit-download = تنزيل:
audit-download-pdf = PDF
audit-download-excel = Excel
audit-download-csv = CSV
audit-download-print = أو اطبع هذه الصفحة.
audit-results-items = البنود، الأدنى أولًا
audit-legend-mean = المتوسط، الوسيط
audit-legend-mean-text = تتراوح التقييمات من ١ (منخفض) إلى ١٠ (مرتفع).
audit-legend-spread-text = مدى ابتعاد التقييمات عن المتوسط (الانحراف المعياري): ٠ يعني أن جميع المقيِّمين أعطوا التقييم نفسه؛ و٢ أو أكثر يعني أن المقيِّمين يرون هذا البند بشكل مختلف جدًا.
audit-flag-gap = ⚑ فجوة
audit-legend-gap-text = تختلف فئتان من المقيِّمين بمقدار { $points } نقطة أو أكثر زيادةً على الفجوة المعتادة بينهما في هذه الجولة (لا تُعلَّم الفئة التي تقيّم دائمًا بدرجة أعلى).
audit-flag-inconsistent = ⚑ غير متسق
audit-legend-inconsistent-text = تختلف متوسطات الفروع بمقدار { $points } نقطة أو أكثر ({ $column }: أعلى متوسط لفرع ناقص أدناه).
audit-col-usual-gap = الفجوة المعتادة
audit-col-beyond-usual = الزيادة على المعتاد
audit-results-low-at = منخفض أساسًا في { $branch } ({ $mean })
audit-gap-words = { $high } { $high_mean } مقابل { $low } { $low_mean } ({ $gap })
audit-gaps-heading = الفجوات بين فئات المقيِّمين، الأكبر أولًا
audit-gaps-hint = مرتبة حسب مدى ابتعاد كل فجوة عن الفجوة المعتادة بين الفئتين نفسيهما في بنود هذه الجولة الأخرى.
audit-gaps-region = الفجوات بين فئات المقيِّمين
audit-heat-heading = البند × الفرع
audit-heat-hint = متوسط التقييم لكل فرع. تشير ⚑ إلى البنود التي تختلف فيها الفروع بمقدار نقطتين أو أكثر: الاتساق هدف قائم بذاته.
audit-breakdown-heading = حسب المرحلة والفئة والفرع
audit-breakdown-column = المرحلة أو الفئة أو الفرع
audit-breakdown-phase = المرحلة: { $phase }
audit-breakdown-group = الفئة: { $group }
audit-breakdown-branch = الفرع: { $branch }
audit-comments-heading = تعليقات المقيِّمين
audit-comments-empty = لم تُسلَّم أي تعليقات.
audit-comment-by = — { $group }، { $branch }

## المعايير
audit-standards-title = المعايير
audit-standards-heading = المعايير: { $journey }
audit-standards-intro = لكل لحظة: التجربة التي يريدها النشاط التجاري لعميله، وذرواتها الممكنة، والمخاطر التي قد تجعلها لحظة سيئة — كي يقدّمها كل شخص وكل فرع وكل قسم بالطريقة نفسها.
audit-standards-empty = لا توجد لحظات في رحلة العميل هذه بعد: سجّلها على اللوحة أولًا.
audit-standard-badge = ◆ معيار
audit-standard-experience-label = التجربة التي نريدها
audit-standard-highs-label = الذروات الممكنة
audit-standard-risks-label = المخاطر التي قد تجعلها لحظة سيئة
audit-standard-save = حفظ المعيار
audit-standard-experience = التجربة
audit-standard-highs = الذروات
audit-standard-risks = المخاطر
audit-standard-none = لا يوجد معيار بعد.

## حالات الرفض (بعد «الحقل: »)
audit-error-from = اختر القالب الافتراضي أو رحلة عميل
audit-error-delta = -1 أو 1
audit-error-template = اختر قالبًا
audit-error-not-a-branch = ليس فرعًا
audit-error-branch = اختر فرعًا
audit-error-group = اختر فئة مقيِّمين
audit-error-group-key = manager أو staff أو friend أو mystery_shopper أو customer
audit-error-labels = أنشئ ما بين ١ و٥٠٠ رابط في المرة الواحدة
audit-error-score = أعطِ تقييمًا من ١ (منخفض) إلى ١٠ (مرتفع)، أو «لا ينطبق»
audit-error-item = ليس بندًا
audit-error-not-in-business = لا يوجد { $thing } بهذا المعرّف في مساحة العمل والنشاط التجاري هذين
audit-no-download = لا يوجد تنزيل بهذا الاسم.
audit-link-replaced = لا يوجد رابط تدقيق كهذا (ربما استُبدل برابط أحدث)، أو لا يحق لك الاطلاع عليه.

## نص صفحة المقيِّم البرمجي (rater.js)
js-audit-progress = تمت الإجابة عن { $answered } من { $total }
js-audit-waiting = { $waiting } بانتظار الاتصال
js-audit-saving = جارٍ الحفظ…
js-audit-saved = تم الحفظ
js-audit-offline = دون اتصال: محفوظة على هذا الهاتف
js-audit-offline-kept = دون اتصال: إجاباتك محفوظة؛ سلّمها عند عودة الاتصال
js-audit-offline-hand-in = دون اتصال: سلّم عند عودة الاتصال
js-audit-not-saved = لم يتم الحفظ ({ $status })
js-audit-not-handed-in = لم يتم التسليم ({ $status })
js-audit-confirm-missing = عدد البنود التي لم تُجب عنها بعد: { $missing }. هل تريد التسليم على أي حال؟ لا يمكن تغيير الإجابات بعد ذلك.
audit-bench-heading = إلى جانب عملائك الآخرين
audit-bench-hint = يُحسب كل عميل آخر يدقّق بالقالب نفسه مرة واحدة، بآخر جولة له؛ لا تظهر إلا الوسيطات والنصف الأوسط، ولا يظهر أي عميل بعينه.
audit-bench-too-few = { $clients } من العملاء الآخرين يدقّقون بهذا القالب؛ تظهر درجاتهم ابتداءً من { $min } حتى لا يُعرف أحد منهم.
audit-bench-col-here = هذا العميل
audit-bench-col-median = وسيط الآخرين
audit-bench-col-middle = النصف الأوسط للآخرين
audit-bench-col-where = موقع هذا العميل
audit-bench-col-clients = عملاء آخرون
audit-bench-below = تحت النصف الأوسط
audit-bench-above = فوق النصف الأوسط
audit-bench-within = ضمن النصف الأوسط
