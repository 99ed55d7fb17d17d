# الصفحة الرئيسية، ونشاط تجاري برحلات عملائه وقنواته، ودعوة الأشخاص إلى
# لوحة، والانضمام إليها.

workspace-businesses = الأنشطة التجارية
workspace-no-businesses = لا توجد أنشطة تجارية بعد. أضف النشاط التجاري الذي تريد رسم رحلات عملائه — نشاطك أنت أو نشاط أحد عملائك.
workspace-new-business = نشاط تجاري جديد
workspace-business-placeholder = مثلًا: أثاث المرفأ
workspace-add-business = إضافة نشاط تجاري

workspace-all-businesses = كل الأنشطة التجارية
workspace-first-journey = أنشئ أول رحلة عميل لك
workspace-first-journey-intro = سمِّ رحلة واحدة يمر بها العميل، مثل «عميل جديد يشتري أريكة». بعد ذلك ترسم لحظات الحقيقة فيها على لوحة وتدعو فريقك إليها.
workspace-journeys = رحلات العملاء
workspace-no-journeys = لا توجد رحلات عملاء بعد.
workspace-standards-link = المعايير
workspace-journey-name = اسم رحلة العميل
workspace-new-journey = رحلة عميل جديدة
workspace-journey-placeholder = مثلًا: عميل جديد يشتري أريكة
workspace-create-journey = إنشاء رحلة العميل
workspace-later-hint = لاحقًا، عندما تحتاج إليها: القنوات التي يستخدمها عملاؤك، وفروعك، وعمليات التدقيق لنقاط الاتصال.

workspace-channels = القنوات
workspace-channels-hint = تحصل كل لحظة على قناة (نوع تواصل). اختيرت الألوان بحيث يميّزها المصابون بعمى الألوان أيضًا، ولكل قناة كذلك رمز قصير.
workspace-channel-label = الرمز
workspace-channel-name = الاسم
workspace-channel-colour = اللون
workspace-channel-status = الحالة
workspace-channel-retired = متوقفة
workspace-channel-in-use = قيد الاستخدام
workspace-channel-save = حفظ
workspace-add-channel-heading = إضافة قناة
workspace-channel-label-limit = الرمز (حتى { $max } { $max ->
        [one] حرف
        [two] حرفين
        [few] أحرف
       *[other] حرفًا
    })
workspace-channel-icon-placeholder = SMS
workspace-channel-name-placeholder = رسالة نصية
workspace-add-channel = إضافة القناة

workspace-invite-title = دعوة أشخاص
workspace-back-to-board = → العودة إلى اللوحة
# $journey هو اسم رحلة العميل.
workspace-invite-heading = دعوة أشخاص إلى «{ $journey }»
workspace-invite-intro = يستطيع كل من لديه هذا الرابط أو الرمز إضافة ملاحظات باسم يختاره، دون حساب. اعرض رمز QR على شاشة، أو أرسل الرابط.
workspace-qr-label = رمز QR لرابط الانضمام
workspace-join-link = رابط الانضمام
# $address هو عنوان صفحة الانضمام، و$code هو رمز الانضمام.
workspace-join-by-code = أو افتح { $address } واكتب الرمز { $code }
workspace-rotate-hint = الرابط والرمز الجديدان يوقفان عمل القديمين لمن لم ينضم بعد.
workspace-rotate-remove-guests = أزل أيضًا كل من انضم عبر الرابط القديم (تبقى ملاحظاتهم)
workspace-rotate-submit = إنشاء رابط ورمز جديدين
workspace-guests-heading = الضيوف الذين انضموا
workspace-no-guests = لم ينضم أحد عبر الرابط أو الرمز بعد.
workspace-guests-hint = الضيف الذي تزيله لا يعود قادرًا على رؤية اللوحة أو تغييرها؛ ويبقى ما كتبه.
workspace-remove-guest = إزالة
workspace-remove-guest-label = إزالة { $name }

workspace-join-title = الانضمام
workspace-join-code-heading = الانضمام إلى جلسة
workspace-join-code = رمز الانضمام
workspace-join-code-placeholder = مثلًا: K7PQ-2MXA
workspace-join-code-submit = متابعة
workspace-join-code-unknown = لا توجد جلسة بهذا الرمز. تحقّق منه مع الميسِّر؛ فالرموز قد تتغير.
workspace-join-link-gone = رابط الانضمام هذا غير موجود (ربما استُبدل برابط جديد؛ اسأل الميسِّر)، أو ليس من حقك الاطلاع عليه.
workspace-join-heading = الانضمام إلى «{ $journey }»
workspace-join-intro = اكتب اسمك ليعرف الفريق من كتب كل ملاحظة. لا حاجة إلى حساب أو كلمة مرور.
workspace-join-name = اسمك
workspace-join-language = اللغة
workspace-join-submit = الانضمام إلى اللوحة

## The workspace's settings (owners)
workspace-settings = إعدادات مساحة العمل
workspace-default-language = اللغة لمن لم يختر لغة
workspace-installation-language = اللغة الافتراضية للتثبيت ({ $language })
workspace-save-settings = حفظ الإعدادات
workspace-default-language-hint = تتبع الصفحات أولًا اختيار كل شخص، ثم اللغة التي يطلبها متصفحه. تُستخدم هذه اللغة حين لا يتحدث mot أيًا منهما، لفريقك وضيوف لوحاتك ومقيّمي التدقيق.
workspace-yours = مساحات عملك
workspace-here = أنت هنا
workspace-switch = افتح
workspace-switch-to = افتح { $name }
workspace-back-home = → الرئيسية

reports-link = التقارير: نماذج التخطيط، ونتائج التدقيق، وآراء العملاء، وخرائط الرحلات
# $business is the business's name.
reports-title = تقارير { $business }
reports-intro = كل تقارير هذا النشاط التجاري، لقراءتها هنا أو طباعتها أو أخذها ملفًا.
reports-none = لا تقارير بعد: تظهر مع أول رحلة أو جلسة أو تدقيق.
reports-map = خريطة الرحلة
reports-picture = صورة (SVG)
reports-feedback = تقرير آراء العملاء
reports-planning-form = نموذج التخطيط
reports-read = قراءة
reports-audits = نتائج التدقيق
brand-heading = هوية تقاريرك
brand-intro = يتصدّر اسم مكتبك ولونه وشعاره كل صفحة من التقارير التي تأخذها أنت وعملاؤك (نماذج التخطيط، وتقارير التدقيق، وتقارير آراء العملاء)؛ ويظهر الاسم واللون في جداولها أيضًا.
brand-name = الاسم على التقارير (فارغ: بلا اسم)
brand-accent = لون العناوين والخطوط
brand-save = احفظ الهوية
brand-logo = الشعار
brand-logo-alt = شعارك كما تعرضه تقاريرك
brand-no-logo = لا شعار بعد.
brand-logo-file = صورة PNG (٢٠٠٠ بكسل للجانب على الأكثر) أو رسم SVG، بحجم ٢٥٦ كيلوبايت على الأكثر
brand-logo-upload = ارفع الشعار
brand-logo-remove = احذف الشعار
brand-not-a-form = أرسل الشعار عبر نموذج الرفع.
brand-contact = بيانات الاتصال بك، على غلاف حزمة تقارير كل عميل
reports-pack = حزمة تقارير العميل (PDF)
reports-pack-hint = ملف PDF واحد للتسليم: غلاف ببيانات الاتصال بالمستشار، وآخر نموذج تخطيط، والإجراءات المفتوحة، وآخر تدقيق، وما قاله العملاء.

reports-pack-title = حزمة تقارير العميل
reports-pack-language = لغة الحزمة
reports-pack-no-such-language = لا يكتب mot التقارير بلغة «{ $code }»؛ اختر English أو Deutsch أو العربية.
reports-send-title = أرسلها إلى العميل
reports-send-to = أرسل الحزمة، ملف PDF مرفقًا برسالة بريد إلكتروني، إلى
reports-send = أرسل الحزمة بالبريد الإلكتروني
reports-send-nobody = لا أحد من هذا العميل لديه حساب بعد: ادعُهم بدور «التقارير فقط» لإرسال تقاريرهم إليهم.
reports-send-invite = ادعُ أشخاصًا
reports-send-no-mail = البريد الإلكتروني غير مُعدّ في هذا التثبيت (mot serve --smtp-url): نزّل الحزمة وأرسلها بنفسك.
reports-send-no-key = انتهت صلاحية النموذج: أعد تحميل الصفحة وأرسله منها.
reports-send-earlier = أُرسلت من قبل
reports-sent-to = أُرسلت إلى
reports-sent-to-nobody = لم تُرسل إلى أحد
reports-sent-already = أُرسل هذا النموذج من قبل؛ لم يُرسل شيء مرة أخرى:
reports-not-sent = لم تُرسل (حاول لاحقًا، أو نزّل الحزمة وأرسلها بنفسك):
reports-mail-subject = { $business }: تقريرك من { $practice }
reports-mail-text = مرحبًا { $name }،

    مرفق أحدث حزمة تقارير لـ { $business }: نموذج التخطيط لآخر جلسة، والإجراءات المفتوحة، وأحدث نتائج التدقيق، وما قاله العملاء.

    { $practice }
