# استيراد ملاحظات العملاء الموجودة من ملف CSV أو Excel.

feedback-import-link = استيراد إجابات من ملف
# The inputs an import's refusals name.
field-file = الملف
field-columns = الأعمدة
field-scale = مقياس التقييمات
thing-import = عملية الاستيراد

## الرفع
feedback-import-title = استيراد إجابات العملاء
feedback-import-intro = أدخل الملاحظات التي لديك بالفعل: تصدير أداة استطلاع، أو ملف CSV من موقع تقييمات، أو سؤال «كيف كانت تجربتك» في نقطة البيع. احفظها بصيغة CSV (فاصلة أو فاصلة منقوطة؛ UTF-8 أو UTF-16 أو Windows-1252) أو كملف Excel ‏(.xlsx، الورقة الأولى). يسمّي الصف الأول الأعمدة؛ وكل صف بعده إجابة عميل واحد فيها تاريخ واللحظة المعنية وتقييم، وإن وُجد فرع وتعليق.
feedback-import-limit = ملفات حتى { $mb } ميغابايت.
feedback-import-file = الملف
feedback-import-upload = رفع ومعاينة
feedback-import-too-large = حجم الملف أكبر من { $mb } ميغابايت. قسّمه إلى ملفات أصغر واستوردها واحدًا تلو الآخر.
feedback-import-not-a-form = أرسل الملف عبر نموذج الرفع (multipart/form-data).
feedback-import-no-file = اختر ملفًا للاستيراد.
feedback-import-empty = لا يحتوي الملف على إجابات: إنه فارغ أو فيه صف العناوين فقط.
feedback-import-not-a-table = هذا ليس ملف CSV أو Excel يستطيع mot قراءته (أو أن نصه بترميز غير UTF-8 وUTF-16 وWindows-1252).
feedback-import-one-column = لهذا الملف عمود واحد فقط. يقرأ mot نصًا تفصل أعمدته فواصل أو فواصل منقوطة أو علامات جدولة، والورقة الأولى من مصنف Excel: إن كانت الإجابات في ورقة أخرى، فانقل تلك الورقة إلى البداية وارفع الملف مرة أخرى.
feedback-import-undecodable = يحتوي الملف على بايتات ليست نصًا في ترميزه. احفظه مجددًا بصيغة CSV UTF-8 ثم استورده مرة أخرى؛ لم يُستورد شيء.
feedback-import-too-many-columns = في الملف أكثر من { $max } عمود.
feedback-import-gone = هذا الملف المرفوع لم يعد موجودًا (ينتظر ساعة، ويُحذف بعد الاستيراد). ارفع الملف مرة أخرى.

## أي عمود لأي شيء
feedback-import-map-title = أي عمود لأي شيء
feedback-import-file-facts = { $encoding }، { $kib } كيلوبايت
feedback-import-preview = { $n ->
        [zero] لا صفوف
        [one] الصف الأول
        [two] أول صفين
        [few] أول { $n } صفوف
       *[other] أول { $n } صفًا
    }
feedback-import-columns = الأعمدة
feedback-import-col-line = السطر
feedback-import-col-reason = السبب
feedback-import-col-date = التاريخ
feedback-import-col-moment = اللحظة (نقطة الاتصال)
feedback-import-col-branch = الفرع
feedback-import-every-moment = أو كل صف عن هذه الملاحظة:
feedback-import-every-branch = أو كل صف من هذا الفرع:
feedback-import-col-rating = التقييم
feedback-import-col-comment = التعليق
feedback-import-col-id = معرّف الإجابة الخاص (اختياري)
feedback-import-none = (لا شيء)
feedback-import-pick = اختر عمودًا
feedback-import-column = العمود { $n }: { $name }
feedback-import-moments-hint = يجب أن يحتوي عمود اللحظة على عناوين ملاحظات هذه الرحلة (بغض النظر عن حالة الأحرف). الملف الخاص بنقطة اتصال واحدة أو بفرع واحد لا يحتاج إلى هذا العمود: اختر من القائمة الملاحظة أو الفرع الذي يخص كل الصفوف. الملاحظات:
feedback-import-scale = كيف تُقرأ التقييمات
feedback-import-scale-stars = من ١ إلى ٥ نجوم: أقل من ٣ أسوأ، ٣ كما هو متوقع، أكثر من ٣ أفضل (وأنصاف النجوم أيضًا)
feedback-import-scale-ten = من ٠ إلى ١٠: أقل من ٧ أسوأ، من ٧ إلى أقل من ٩ كما هو متوقع، ٩–١٠ أفضل
feedback-import-scale-words = الكلمات ⁨worse⁩ و⁨as expected⁩ و⁨better⁩
feedback-import-scale-text = نصوصي الخاصة، المذكورة أدناه
feedback-import-scale-table = نصوصك، واحد في كل سطر: النص = أسوأ أو كما هو متوقع أو أفضل
feedback-import-dates = التواريخ المكتوبة بشرطات مائلة (03/04/2025)
feedback-import-day-first = اليوم أولًا (٣ أبريل)
feedback-import-month-first = الشهر أولًا (٤ مارس)
feedback-import-all-or-nothing = لا تستورد شيئًا إذا رُفض أي سطر
feedback-import-run = استيراد
feedback-import-choose = اختر العمود لـ «{ $column }».
feedback-import-choose-scale = اختر كيف تُقرأ التقييمات.
feedback-import-choose-date-order = اختر كيف تُقرأ التواريخ ذات الشرطات المائلة.
feedback-import-no-such-column = يذكر التعيين عمودًا غير موجود في الملف.
feedback-import-column-twice = العمود «{ $column }» مختار مرتين.
feedback-import-empty-table = املأ جدول نصوصك: «النص = الحكم» في كل سطر.
feedback-import-bad-table-line = السطر { $line } من جدولك ليس على شكل «النص = أسوأ أو كما هو متوقع أو أفضل».
feedback-import-long-table = يمكن أن يحتوي جدولك على { $max } نصًا على الأكثر.
feedback-import-line = السطر { $line }: { $reason }

## لماذا يُرفض سطر
feedback-import-missing-column = العمود «{ $column }» مفقود
feedback-import-unreadable = يحتوي على أحرف تحكم
feedback-import-bad-date = «{ $value }» ليس تاريخًا (اكتب 2025-04-03 أو 03.04.2025 أو 03/04/2025)
feedback-import-future-date = التاريخ { $value } في المستقبل
feedback-import-no-moment = لم تُذكر لحظة
feedback-import-unknown-moment = لا توجد ملاحظة في هذه الرحلة باسم «{ $value }»
feedback-import-moment-twice = { $count } ملاحظات في هذه الرحلة باسم «{ $value }» بصرف النظر عن حالة الأحرف: اكتب العنوان كما هو مكتوب في إحداها تمامًا، أو أعطِ كل ملاحظة عنوانًا خاصًا بها على اللوحة
feedback-import-every-gone = الملاحظة أو الفرع المختار لكل الصفوف لم يعد موجودًا: اختر من جديد.
feedback-import-unknown-branch = ليس للنشاط التجاري فرع باسم «{ $value }»
feedback-import-no-rating = لا يوجد تقييم
feedback-import-bad-rating = التقييم «{ $value }» ليس على المقياس المختار
feedback-import-long-comment = طول التعليق { $length } حرفًا؛ والحد { $limit }
feedback-import-long-id = معرّف الإجابة أطول من { $limit } حرفًا
feedback-import-more-refused = … و{ $n } سطرًا مرفوضًا آخر
feedback-import-no-rows = لم يمكن استيراد أي سطر ({ $refused } مرفوض)؛ لم يُستورد شيء.
feedback-import-some-refused = { $refused ->
        [one] رُفض سطر واحد، لذا لم يُستورد شيء (اخترت الكل أو لا شيء).
        [two] رُفض سطران، لذا لم يُستورد شيء (اخترت الكل أو لا شيء).
        [few] رُفضت { $refused } أسطر، لذا لم يُستورد شيء (اخترت الكل أو لا شيء).
       *[other] رُفض { $refused } سطرًا، لذا لم يُستورد شيء (اخترت الكل أو لا شيء).
    }

## النتيجة
feedback-import-done-title = اكتمل الاستيراد
feedback-import-imported = { $n ->
        [zero] لم تُستورد أي إجابة
        [one] استُوردت إجابة واحدة
        [two] استُوردت إجابتان
        [few] استُوردت { $shown } إجابات
       *[other] استُوردت { $shown } إجابة
    }
feedback-import-already = { $n ->
        [zero] لا شيء كان موجودًا من قبل
        [one] واحدة كانت موجودة من قبل
        [two] اثنتان كانتا موجودتين من قبل
        [few] { $shown } كانت موجودة من قبل
       *[other] { $shown } كانت موجودة من قبل
    }
feedback-import-refused = { $n ->
        [zero] لم يُرفض أي سطر
        [one] رُفض سطر واحد
        [two] رُفض سطران
        [few] رُفضت { $shown } أسطر
       *[other] رُفض { $shown } سطرًا
    }
feedback-import-download-refused = تنزيل الأسطر المرفوضة مع أسبابها (CSV)
feedback-import-see-figures = عرض الأرقام
feedback-import-another = استيراد ملف آخر
feedback-import-undone-title = أُلغي الاستيراد
feedback-import-undone = { $n ->
        [zero] أُلغي: لم تكن فيه إجابات. يمكنك استيراد الملف مرة أخرى وقراءته بطريقة أخرى.
        [one] أُلغي: لم تعد إجابته الواحدة في الأرقام. يمكنك استيراد الملف مرة أخرى وقراءته بطريقة أخرى.
        [two] أُلغي: لم تعد إجابتاه في الأرقام. يمكنك استيراد الملف مرة أخرى وقراءته بطريقة أخرى.
        [few] أُلغي: لم تعد إجاباته الـ{ $shown } في الأرقام. يمكنك استيراد الملف مرة أخرى وقراءته بطريقة أخرى.
       *[other] أُلغي: لم تعد إجاباته الـ{ $shown } في الأرقام. يمكنك استيراد الملف مرة أخرى وقراءته بطريقة أخرى.
    }
feedback-import-take-out = إلغاء هذا الاستيراد…
feedback-import-take-out-what = { $n ->
        [zero] لا إجابات فيه لتخرج من الأرقام.
        [one] تخرج إجابته الواحدة من الأرقام كأنها لم تُستورد قط. افعل ذلك إن قُرئ الملف بطريقة خاطئة (المقياس أو ترتيب التاريخ)، ثم استورده مرة أخرى.
        [two] تخرج إجابتاه من الأرقام كأنهما لم تُستوردا قط. افعل ذلك إن قُرئ الملف بطريقة خاطئة (المقياس أو ترتيب التاريخ)، ثم استورده مرة أخرى.
        [few] تخرج إجاباته الـ{ $shown } من الأرقام كأنها لم تُستورد قط. افعل ذلك إن قُرئ الملف بطريقة خاطئة (المقياس أو ترتيب التاريخ)، ثم استورده مرة أخرى.
       *[other] تخرج إجاباته الـ{ $shown } من الأرقام كأنها لم تُستورد قط. افعل ذلك إن قُرئ الملف بطريقة خاطئة (المقياس أو ترتيب التاريخ)، ثم استورده مرة أخرى.
    }
feedback-import-take-out-confirm = ألغِ الاستيراد
feedback-import-not-taken-out = لا يُلغى إلا استيراد اكتمل: هذا ما زال جاريًا أو لم يحتفظ بشيء.
feedback-import-earlier = عمليات استيراد سابقة
feedback-import-state-running = جارٍ
feedback-import-state-failed = فشل: لم يُحتفظ بشيء
feedback-import-state-undone = أُلغي
feedback-import-state-undoing = جارٍ إلغاؤه
feedback-import-undoing = كان يُلغى حين توقف في منتصفه: ألغِه مرة أخرى لإتمام ذلك.
feedback-import-running-elsewhere = يجري استيراد آخر في مساحة العمل هذه: ألغِ هذا الاستيراد حين ينتهي ذاك.
feedback-import-taking-out = يُلغى الآن استيراد في مساحة العمل هذه: استورد هذا الملف حين ينتهي ذلك.

## استيراد جارٍ أو فاشل
feedback-import-running-title = جارٍ الاستيراد
feedback-import-reading = قراءة الملف وفحصه: { $percent } ٪
feedback-import-saving = حفظ الإجابات: { $done } من { $total }
feedback-import-counting = أوشك على الانتهاء: إضافة الإجابات إلى الأرقام
feedback-import-page-updates = تتحدّث هذه الصفحة من تلقاء نفسها؛ ويمكنك مغادرتها، فالاستيراد يستمر.
feedback-import-failed-title = فشل الاستيراد
feedback-import-nothing-kept = لم يُحفظ شيء من هذا الملف.
feedback-import-interrupted = توقف الخادم أثناء الاستيراد، لذا لم يُحفظ منه شيء. استورد الملف مرة أخرى.
feedback-import-moment-gone = أُزيلت من اللوحة أثناء الاستيراد ملاحظةٌ يذكرها هذا الملف، لذا لم يُحفظ شيء.
feedback-import-branch-gone = حُذف أثناء الاستيراد فرعٌ يذكره هذا الملف، لذا لم يُحفظ شيء.
feedback-import-failed = تعذّر إكمال الاستيراد، لذا لم يُحفظ شيء. حاول مرة أخرى.
feedback-import-try-again = غيّر المطابقة واستورد مرة أخرى
