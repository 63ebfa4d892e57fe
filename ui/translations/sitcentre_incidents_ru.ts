<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="192"/>
        <source>(no post)</source>
        <translation>(без ОПВ)</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="208"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="214"/>
        <source>Post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="215"/>
        <source>Occurred at</source>
        <translation>Время инцидента</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="216"/>
        <source>Reported at</source>
        <translation>Время сообщения</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="217"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="218"/>
        <source>Direction</source>
        <translation>Направление</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="219"/>
        <source>Transport mode</source>
        <translation>Вид транспорта</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="220"/>
        <source>Concealment</source>
        <translation>Способ сокрытия</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="221"/>
        <source>Route: departure</source>
        <translation>Маршрут: страна отправления</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="222"/>
        <source>Route: transit</source>
        <translation>Маршрут: страны транзита</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="223"/>
        <source>Route: destination</source>
        <translation>Маршрут: страна назначения</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="224"/>
        <source>Persons detained</source>
        <translation>Задержано лиц</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="225"/>
        <source>Nationalities</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="226"/>
        <source>Joint operation</source>
        <translation>Совместная операция</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="227"/>
        <source>Seizure lines</source>
        <translation>Позиции изъятия</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="228"/>
        <source>Total kg-equivalent</source>
        <translation>Итого в пересчёте на кг</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="229"/>
        <source>Narrative</source>
        <translation>Фабула</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="230"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="33"/>
        <source>Drug seizure</source>
        <translation>Изъятие наркотиков</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="34"/>
        <source>Precursor seizure</source>
        <translation>Изъятие прекурсоров</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="35"/>
        <source>Weapons</source>
        <translation>Оружие</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="36"/>
        <source>Smuggled goods</source>
        <translation>Контрабандные товары</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="37"/>
        <source>Human trafficking</source>
        <translation>Торговля людьми</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="38"/>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="43"/>
        <source>Entering the country</source>
        <translation>Въезд в страну</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="43"/>
        <source>Leaving the country</source>
        <translation>Выезд из страны</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="48"/>
        <source>Vehicle</source>
        <translation>Легковой автомобиль</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="49"/>
        <source>Truck / cargo</source>
        <translation>Грузовой автомобиль</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="50"/>
        <source>Rail</source>
        <translation>Железная дорога</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="51"/>
        <source>Pedestrian</source>
        <translation>Пешеход</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="52"/>
        <source>Air</source>
        <translation>Воздушный транспорт</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="53"/>
        <source>Mail</source>
        <translation>Почтовое отправление</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="59"/>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="60"/>
        <source>Reported</source>
        <translation>Зарегистрировано</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="61"/>
        <source>Verified</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="62"/>
        <location filename="../incidents/status_look.py" line="40"/>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="63"/>
        <source>Duplicate</source>
        <translation>Дубликат</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="69"/>
        <source>Estimated</source>
        <translation>Оценочно</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="70"/>
        <source>Weighed</source>
        <translation>Взвешено</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="71"/>
        <source>Counted</source>
        <translation>Подсчитано</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="72"/>
        <source>Laboratory confirmed</source>
        <translation>Подтверждено экспертизой</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="77"/>
        <source>kg</source>
        <translation>кг</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="77"/>
        <source>g</source>
        <translation>г</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="77"/>
        <source>litres</source>
        <translation>л</translation>
    </message>
    <message>
        <location filename="../incidents/incident_labels.py" line="77"/>
        <source>tablets</source>
        <translation>шт.</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="40"/>
        <source>Rejected: {0}</source>
        <translation>Отклонено: {0}</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="42"/>
        <source>Verified by a supervisor: counted in the verified figures.</source>
        <translation>Подтверждено старшим смены: учитывается в подтверждённых данных.</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="43"/>
        <source>Reported, waiting for a supervisor&apos;s review.</source>
        <translation>Зарегистрировано, ожидает проверки старшим смены.</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="44"/>
        <source>Draft: not reported yet, not counted.</source>
        <translation>Черновик: ещё не передан, не учитывается.</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="45"/>
        <source>Duplicate of another incident: counted once, there.</source>
        <translation>Дубликат другого инцидента: учитывается один раз, в том инциденте.</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="59"/>
        <source>not sent</source>
        <translation>не отправлено</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="60"/>
        <source>not confirmed</source>
        <translation>доставка не подтверждена</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="61"/>
        <source>held</source>
        <translation>отложено</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="62"/>
        <source>not applied</source>
        <translation>не применено</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="63"/>
        <source>in conflict</source>
        <translation>конфликт версий</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="64"/>
        <source>changed at the centre too</source>
        <translation>изменено и в центре</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="76"/>
        <source>Not sent yet: this version goes to the situation centre in the next bundle (File → Export, or the next sync).</source>
        <translation>Ещё не отправлено: эта версия уйдёт в ситуационный центр со следующим пакетом данных (Файл → Выгрузка или следующая синхронизация).</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="78"/>
        <source>Sent, not yet confirmed: the other side has not acknowledged this version yet.</source>
        <translation>Отправлено, доставка не подтверждена: другая сторона ещё не подтвердила получение этой версии.</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="79"/>
        <source>Confirmed: the other side has this version.</source>
        <translation>Доставка подтверждена: эта версия есть у другой стороны.</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="80"/>
        <source>Held: a version received for it waits for an earlier one that has not arrived yet; it is applied when that comes.</source>
        <translation>Отложено: полученная версия ждёт более ранней, которая ещё не пришла; она будет применена, когда та поступит.</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="82"/>
        <source>Not applied: a version received for it could not be applied (the reason is kept; &apos;sitcentre bundle pending&apos; lists it). The sender&apos;s next bundle tries again.</source>
        <translation>Не применено: полученную версию не удалось применить (причина сохранена, её показывает &apos;sitcentre bundle pending&apos;). Следующий пакет отправителя повторит попытку.</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="84"/>
        <source>In conflict: this incident was edited here and at a post at the same time; a supervisor decides (View → Conflicts). Left out of the verified figures until then.</source>
        <translation>Конфликт версий: инцидент одновременно изменили здесь и на ОПВ; решение принимает старший смены (Вид → Конфликты). До этого инцидент не учитывается в подтверждённых данных.</translation>
    </message>
    <message>
        <location filename="../incidents/status_look.py" line="86"/>
        <source>Changed at the centre too while your edit was not yet confirmed: the centre will decide.</source>
        <translation>Изменено и в центре, пока ваша правка ещё не была подтверждена: решение примет центр.</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="61"/>
        <source>Choose a substance…</source>
        <translation>Выберите вещество…</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="77"/>
        <source>Remove this seizure line</source>
        <translation>Удалить эту позицию изъятия</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="78"/>
        <source>Remove seizure line</source>
        <translation>Удалить позицию изъятия</translation>
    </message>
</context>
<context>
    <name>CandidatesTable</name>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="38"/>
        <source>Post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="38"/>
        <source>Occurred (post&apos;s time)</source>
        <translation>Время (местное)</translation>
    </message>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="38"/>
        <source>Hours apart</source>
        <translation>Разница, ч</translation>
    </message>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="39"/>
        <source>Substance</source>
        <translation>Вещество</translation>
    </message>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="39"/>
        <source>Amount (kg-eq.)</source>
        <translation>Кол-во (кг, пересч.)</translation>
    </message>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="39"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="60"/>
        <source>{0} (this one {1})</source>
        <translation>{0} (у этого {1})</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="73"/>
        <source>Someone else saved this incident</source>
        <translation>Инцидент сохранён другим пользователем</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="74"/>
        <source>This incident was deleted</source>
        <translation>Инцидент удалён</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="82"/>
        <source>Show only the fields that &amp;differ</source>
        <translation>&amp;Только различающиеся поля</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="94"/>
        <source>While you were editing, someone deleted this incident. Your edits are still in the form. You can save them as a new incident, or keep editing.</source>
        <translation>Пока вы редактировали, этот инцидент был удалён. Ваши изменения остались в форме. Их можно сохранить как новый инцидент или продолжить редактирование.</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="99"/>
        <source>While you were editing, someone else saved this incident (now version {theirs}). Your edits are based on version {mine}. {changed} field(s) differ; they are marked below. Choose which version to keep: nothing is saved until you choose.</source>
        <translation>Пока вы редактировали, этот инцидент сохранил другой пользователь (теперь версия {theirs}). Ваши изменения сделаны на основе версии {mine}. Различающихся полей: {changed}, они отмечены ниже. Выберите, какую версию оставить: до вашего выбора ничего не сохраняется.</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="108"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="109"/>
        <source>Mine (edited from version {v})</source>
        <translation>Моя (правка версии {v})</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="110"/>
        <source>Theirs (saved, version {v})</source>
        <translation>Их (сохранена, версия {v})</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="132"/>
        <source>Differs between your version and the saved one</source>
        <translation>Ваша версия и сохранённая различаются</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="148"/>
        <source>&amp;Keep editing</source>
        <translation>Продолжить &amp;редактирование</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="152"/>
        <source>&amp;Reload theirs</source>
        <translation>&amp;Загрузить их версию</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="154"/>
        <source>Show the saved version in the form; your edits are discarded</source>
        <translation>Показать в форме сохранённую версию; ваши изменения будут отброшены</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="155"/>
        <source>&amp;Overwrite with mine</source>
        <translation>&amp;Перезаписать моей</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="157"/>
        <source>Save your version over theirs (version {v})</source>
        <translation>Сохранить вашу версию поверх их версии (версия {v})</translation>
    </message>
    <message>
        <location filename="../incidents/conflict_dialog.py" line="160"/>
        <source>&amp;Save mine as new</source>
        <translation>Сохранить как &amp;новый инцидент</translation>
    </message>
</context>
<context>
    <name>CountryCombo</name>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="110"/>
        <source>Code or name, e.g. AF</source>
        <translation>Код или название, напр. AF</translation>
    </message>
</context>
<context>
    <name>DuplicateWarning</name>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="81"/>
        <source>Possible duplicate</source>
        <translation>Возможный дубликат</translation>
    </message>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="84"/>
        <source>{0}

If it is the same seizure reported again, go back and do not save it; a supervisor can also link the two later so that they are counted once.</source>
        <translation>{0}

Если это то же изъятие, о котором сообщили повторно, вернитесь и не сохраняйте его; старший смены может и позже связать эти инциденты, чтобы они учитывались один раз.</translation>
    </message>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="90"/>
        <source>&amp;Save anyway</source>
        <translation>&amp;Всё равно сохранить</translation>
    </message>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="92"/>
        <source>&amp;Go back</source>
        <translation>&amp;Вернуться</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../incidents/filter_bar.py" line="58"/>
        <source>Search posts, substances, narrative, route… (Ctrl+F)</source>
        <translation>Поиск по ОПВ, веществам, фабуле, маршруту… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="59"/>
        <source>Every word must match, in any order: “termez heroin”. Put a phrase in quotes to find it as written: “&quot;spare wheel&quot;”.</source>
        <translation>Должны совпасть все слова, в любом порядке: «термез героин». Фраза в кавычках ищется точно как написано: «&quot;запасное колесо&quot;».</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="67"/>
        <source>Dates from</source>
        <translation>Даты с</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="68"/>
        <source>Limit to incidents on these local days (inclusive)</source>
        <translation>Только инциденты за эти дни по местному времени (включительно)</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="72"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="72"/>
        <source>Incidents of the posts&apos; today</source>
        <translation>Инциденты за сегодня по времени ОПВ</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="73"/>
        <source>7 days</source>
        <translation>7 дней</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="73"/>
        <source>Incidents of the last 7 days</source>
        <translation>Инциденты за последние 7 дней</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="74"/>
        <source>30 days</source>
        <translation>30 дней</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="74"/>
        <source>Incidents of the last 30 days</source>
        <translation>Инциденты за последние 30 дней</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="75"/>
        <source>All posts</source>
        <translation>Все ОПВ</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="76"/>
        <source>All countries</source>
        <translation>Все страны</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="77"/>
        <source>All borders</source>
        <translation>Все границы</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="78"/>
        <source>All substances</source>
        <translation>Все вещества</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="79"/>
        <source>All types</source>
        <translation>Все типы</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="82"/>
        <source>Any status</source>
        <translation>Любой статус</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="85"/>
        <source>Clear filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="86"/>
        <source>Show all incidents (Ctrl+Shift+X)</source>
        <translation>Показать все инциденты (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="90"/>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="104"/>
        <source> (local days of the posts: today is the latest day any post has reached)</source>
        <translation> (дни по местному времени ОПВ: сегодня — самый поздний день, уже наступивший хотя бы на одном ОПВ)</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="199"/>
        <source>{0} selected</source>
        <translation>Выбрано: {0}</translation>
    </message>
    <message>
        <location filename="../incidents/filter_bar.py" line="240"/>
        <source>search cut to its first {n} characters</source>
        <translation>поиск только по первым {n} символам</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <location filename="../incidents/incident_form.py" line="71"/>
        <source>⚠ Changed at the centre too while your edit was not yet confirmed: the centre will decide.</source>
        <translation>⚠ Изменено и в центре, пока ваша правка ещё не была подтверждена: решение примет центр.</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="130"/>
        <source>New incident</source>
        <translation>Новый инцидент</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="131"/>
        <source>Edit incident {0}</source>
        <translation>Изменение инцидента {0}</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="132"/>
        <source>Version {v} · {id}</source>
        <translation>Версия {v} · {id}</translation>
    </message>
    <message numerus="yes">
        <location filename="../incidents/incident_form.py" line="223"/>
        <source>Not saved: %n problem(s) to correct, marked in red.</source>
        <translation>
            <numerusform>Не сохранено: %n ошибка. Исправьте отмеченное красным.</numerusform>
            <numerusform>Не сохранено: %n ошибки. Исправьте отмеченное красным.</numerusform>
            <numerusform>Не сохранено: %n ошибок. Исправьте отмеченное красным.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="300"/>
        <source>Not saved: {reason}</source>
        <translation>Не сохранено: {reason}</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="302"/>
        <source>Not saved: {reason}
Your input is kept; try again.</source>
        <translation>Не сохранено: {reason}
Введённые данные не потеряны; повторите попытку.</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="322"/>
        <source>Reloaded version {v} as saved by someone else; your edits were discarded.</source>
        <translation>Загружена версия {v}, сохранённая другим пользователем; ваши изменения отброшены.</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="330"/>
        <source>Not saved: the incident changed after you opened it. Your edits are still here; saving again shows both versions.</source>
        <translation>Не сохранено: инцидент изменился после того, как вы его открыли. Ваши изменения на месте; при повторном сохранении будут показаны обе версии.</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="351"/>
        <source>Not saved: check the incidents listed as possible duplicates. Your input is kept; save again to see them.</source>
        <translation>Не сохранено: проверьте инциденты, найденные как возможные дубликаты. Введённые данные не потеряны; сохраните ещё раз, чтобы увидеть их.</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="365"/>
        <source>Discard changes?</source>
        <translation>Отменить изменения?</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="366"/>
        <source>This incident has changes that are not saved. Discard them?</source>
        <translation>В инциденте есть несохранённые изменения. Отменить их?</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="368"/>
        <source>&amp;Discard changes</source>
        <translation>&amp;Отменить изменения</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form.py" line="369"/>
        <source>&amp;Keep editing</source>
        <translation>Продолжить &amp;редактирование</translation>
    </message>
</context>
<context>
    <name>IncidentFormEntry</name>
    <message>
        <location filename="../incidents/incident_form_entry.py" line="32"/>
        <source>Now: {time} UTC (choose a post)</source>
        <translation>Сейчас: {time} UTC (выберите ОПВ)</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_entry.py" line="35"/>
        <source>Now at {post}: {time} ({offset})</source>
        <translation>Сейчас на ОПВ {post}: {time} ({offset})</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_entry.py" line="80"/>
        <source>Not saved: check the quantity. Your input is kept; save again to confirm it.</source>
        <translation>Не сохранено: проверьте количество. Введённые данные не потеряны; сохраните ещё раз, чтобы подтвердить его.</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_entry.py" line="85"/>
        <source>Unusually large quantity</source>
        <translation>Необычно большое количество</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_entry.py" line="87"/>
        <source>&amp;Save anyway</source>
        <translation>&amp;Всё равно сохранить</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_entry.py" line="88"/>
        <source>&amp;Check the quantity</source>
        <translation>&amp;Проверить количество</translation>
    </message>
</context>
<context>
    <name>IncidentFormLayout</name>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="105"/>
        <source>Where &amp;&amp; when</source>
        <translation>Где и когда</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="111"/>
        <source>Times are the post&apos;s own clock. Untouched, they follow the time now; a time you change stays as typed, also if you then change the post.</source>
        <translation>Время указывается по местным часам ОПВ. Пока время не изменено, оно следует за текущим; изменённое время остаётся как введено, даже если затем сменить ОПВ.</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="114"/>
        <source>&amp;Post:</source>
        <translation>&amp;ОПВ:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="116"/>
        <source>&amp;Occurred at:</source>
        <translation>&amp;Время инцидента:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="118"/>
        <source>&amp;Reported at:</source>
        <translation>Время сооб&amp;щения:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="130"/>
        <source>&amp;15 min ago</source>
        <translation>&amp;15 мин назад</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="130"/>
        <source>&amp;30 min ago</source>
        <translation>&amp;30 мин назад</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="130"/>
        <source>1 &amp;h ago</source>
        <translation>1 &amp;ч назад</translation>
    </message>
    <message numerus="yes">
        <location filename="../incidents/incident_form_layout.py" line="133"/>
        <source>Set “Occurred at” to %n minute(s) before now at the post</source>
        <translation>
            <numerusform>Установить «Время инцидента» на %n минуту раньше текущего времени ОПВ</numerusform>
            <numerusform>Установить «Время инцидента» на %n минуты раньше текущего времени ОПВ</numerusform>
            <numerusform>Установить «Время инцидента» на %n минут раньше текущего времени ОПВ</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="141"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="147"/>
        <source>e.g. spare wheel, false floor, body</source>
        <translation>напр. запасное колесо, двойной пол, на теле</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="148"/>
        <source>&amp;Type:</source>
        <translation>&amp;Тип:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="149"/>
        <source>D&amp;irection:</source>
        <translation>&amp;Направление:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="150"/>
        <source>Transport &amp;mode:</source>
        <translation>В&amp;ид транспорта:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="151"/>
        <source>&amp;Concealment:</source>
        <translation>Способ со&amp;крытия:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="155"/>
        <source>Route &amp;&amp; persons</source>
        <translation>Маршрут и лица</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="165"/>
        <source>Codes or names, e.g. TJ, UZ</source>
        <translation>Коды или названия, напр. TJ, UZ</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="172"/>
        <source>Country codes, e.g. TJ, AF</source>
        <translation>Коды стран, напр. TJ, AF</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="175"/>
        <source>With which agencies or counterpart BLO</source>
        <translation>С какими ведомствами или ОПВ сопредельной стороны</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="176"/>
        <source>&amp;Departure:</source>
        <translation>Страна от&amp;правления:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="177"/>
        <source>Tra&amp;nsit:</source>
        <translation>Страны т&amp;ранзита:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="178"/>
        <source>D&amp;estination:</source>
        <translation>Страна н&amp;азначения:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="179"/>
        <source>Persons det&amp;ained:</source>
        <translation>&amp;Задержано лиц:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="180"/>
        <source>Nationa&amp;lities:</source>
        <translation>&amp;Гражданство:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="181"/>
        <source>&amp;Joint operation:</source>
        <translation>Сов&amp;местная операция:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="185"/>
        <source>Seizures</source>
        <translation>Изъятия</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="192"/>
        <source>Narrati&amp;ve</source>
        <translation>&amp;Фабула</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="196"/>
        <source>What happened, as reported by the post</source>
        <translation>Что произошло, по сообщению ОПВ</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="208"/>
        <source>Stat&amp;us:</source>
        <translation>Стат&amp;ус:</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="212"/>
        <source>set by a supervisor</source>
        <translation>устанавливает старший смены</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="221"/>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="227"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_layout.py" line="228"/>
        <source>Save the incident (Ctrl+S)</source>
        <translation>Сохранить инцидент (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <location filename="../incidents/incident_panel.py" line="71"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location filename="../incidents/incident_panel.py" line="72"/>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <location filename="../incidents/incident_panel.py" line="74"/>
        <source>Show the filters used before the last chart or post click (Alt+Left)</source>
        <translation>Вернуть фильтры, действовавшие до последнего щелчка по диаграмме или ОПВ (Alt+Left)</translation>
    </message>
    <message>
        <location filename="../incidents/incident_panel.py" line="149"/>
        <source>Loading incidents…</source>
        <translation>Загрузка инцидентов…</translation>
    </message>
    <message>
        <location filename="../incidents/incident_panel.py" line="267"/>
        <source>{0} incidents</source>
        <translation>Инцидентов: {0}</translation>
    </message>
    <message>
        <location filename="../incidents/incident_panel.py" line="268"/>
        <source>  —  filtered by: {0}</source>
        <translation>  —  фильтр: {0}</translation>
    </message>
</context>
<context>
    <name>IncidentPicker</name>
    <message>
        <location filename="../incidents/incident_picker.py" line="46"/>
        <source>Type a number (e.g. KOR-2026-0412 or 0412), a post or a substance</source>
        <translation>Введите номер (напр. KOR-2026-0412 или 0412), ОПВ или вещество</translation>
    </message>
    <message>
        <location filename="../incidents/incident_picker.py" line="82"/>
        <source>The search could not be run; try again.</source>
        <translation>Не удалось выполнить поиск; повторите попытку.</translation>
    </message>
    <message>
        <location filename="../incidents/incident_picker.py" line="95"/>
        <source>No related incident</source>
        <translation>Нет связанного инцидента</translation>
    </message>
    <message>
        <location filename="../incidents/incident_picker.py" line="107"/>
        <source>No incident matches “{0}”.</source>
        <translation>Нет инцидентов по запросу «{0}».</translation>
    </message>
</context>
<context>
    <name>IncidentTableModel</name>
    <message>
        <location filename="../incidents/incident_model.py" line="74"/>
        <source>Post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="74"/>
        <source>Border</source>
        <translation>Граница</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="74"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="75"/>
        <source>Substances</source>
        <translation>Вещества</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="75"/>
        <source>kg-equivalent</source>
        <translation>кг (пересч.)</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="75"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="75"/>
        <source>Transport</source>
        <translation>Транспорт</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="76"/>
        <source>Detained</source>
        <translation>Задержано</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="76"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="98"/>
        <source>Post time: {0}
UTC: {1}</source>
        <translation>Местное время ОПВ: {0}
UTC: {1}</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="130"/>
        <source>Occurred (centre time, {0})</source>
        <translation>Время (центр, {0})</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="131"/>
        <source>Occurred (UTC)</source>
        <translation>Время (UTC)</translation>
    </message>
    <message>
        <location filename="../incidents/incident_model.py" line="131"/>
        <source>Occurred (post time)</source>
        <translation>Время (местное)</translation>
    </message>
</context>
<context>
    <name>LinkDuplicateDialog</name>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="112"/>
        <source>Link as duplicate</source>
        <translation>Отметить как дубликат</translation>
    </message>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="114"/>
        <source>The selected incident repeats which one? It will be marked as a duplicate and counted once, as the one you choose.</source>
        <translation>Какой инцидент повторяет выбранный? Выбранный в таблице будет отмечен как дубликат и учтён один раз — как инцидент, который вы укажете.</translation>
    </message>
    <message>
        <location filename="../incidents/duplicate_dialog.py" line="119"/>
        <source>&amp;Link</source>
        <translation>&amp;Связать</translation>
    </message>
</context>
<context>
    <name>LocalTimeEdit</name>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="163"/>
        <source>UTC (choose a post)</source>
        <translation>UTC (выберите ОПВ)</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="165"/>
        <source>{offset} post time</source>
        <translation>{offset}, время ОПВ</translation>
    </message>
</context>
<context>
    <name>PostCombo</name>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="85"/>
        <source>Type to search, or choose from the list</source>
        <translation>Начните вводить для поиска или выберите из списка</translation>
    </message>
</context>
<context>
    <name>QuantityEdit</name>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="219"/>
        <source>e.g. 12,4</source>
        <translation>напр. 12,4</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="221"/>
        <source>Type the quantity as you write it: 12,4 or 12.4 (a comma or a point for decimals), 1 000 (a space between thousands). 1,500 could be 1.5 or 1 500: type 1,5 or 1500. Tablets are whole: 1,000 tablets are a thousand. Beside the cell: the quantity as it will be saved.</source>
        <translation>Вводите количество так, как пишете: 12,4 или 12.4 (десятичная запятая или точка), 1 000 (пробел между тысячами). 1,500 может означать 1,5 или 1 500: введите 1,5 или 1500. Таблетки только целые: 1,000 таблеток — это тысяча. Рядом с полем — количество в том виде, в каком оно будет сохранено.</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="286"/>
        <source>= {quantity} {unit}</source>
        <translation>= {quantity} {unit}</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="287"/>
        <source>The quantity as it will be saved</source>
        <translation>Количество в том виде, в каком оно будет сохранено</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="296"/>
        <source>{small} or {large}?</source>
        <translation>{small} или {large}?</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="297"/>
        <source>below zero</source>
        <translation>меньше нуля</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="297"/>
        <source>whole tablets only</source>
        <translation>только целые таблетки</translation>
    </message>
    <message>
        <location filename="../incidents/incident_form_fields.py" line="298"/>
        <source>not a number</source>
        <translation>не число</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../incidents/review_actions.py" line="69"/>
        <source>Reject incident {0}</source>
        <translation>Отклонение инцидента {0}</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="70"/>
        <source>Reject incident</source>
        <translation>Отклонение инцидента</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="80"/>
        <source>&amp;Why is this incident rejected? The reason is kept with the incident and shown to the post.</source>
        <translation>&amp;Почему инцидент отклонён? Причина сохраняется вместе с инцидентом и видна ОПВ.</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="88"/>
        <source>&amp;Reject</source>
        <translation>&amp;Отклонить</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="103"/>
        <source>Say why the incident is rejected.</source>
        <translation>Укажите причину отклонения.</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="107"/>
        <source>Keep the reason under {0} characters.</source>
        <translation>Причина должна быть короче {0} символов.</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <location filename="../incidents/review_actions.py" line="125"/>
        <source>&amp;Verify</source>
        <translation>&amp;Подтвердить</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="126"/>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="127"/>
        <source>Re&amp;ject…</source>
        <translation>&amp;Отклонить…</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="128"/>
        <source>Re&amp;open for review</source>
        <translation>&amp;Вернуть на проверку</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="129"/>
        <source>&amp;Link as duplicate of…</source>
        <translation>Отметить как &amp;дубликат…</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="130"/>
        <source>&amp;Unlink duplicate</source>
        <translation>&amp;Снять отметку дубликата</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="132"/>
        <source>&amp;History…</source>
        <translation>&amp;История…</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="133"/>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="171"/>
        <source>Select an incident in the table first.</source>
        <translation>Сначала выберите инцидент в таблице.</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="218"/>
        <source>No likely duplicate of this incident was found: no other incident at the same post within 24 hours seized the same substance in an amount within 10 %.</source>
        <translation>Вероятных дубликатов этого инцидента не найдено: на том же ОПВ в пределах 24 часов нет другого изъятия того же вещества в количестве, отличающемся не более чем на 10 %.</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="259"/>
        <source>Verified {0}</source>
        <translation>Подтверждено: {0}</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="259"/>
        <source>Rejected {0}</source>
        <translation>Отклонено: {0}</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="260"/>
        <source>Reopened for review: {0}</source>
        <translation>Возвращено на проверку: {0}</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="260"/>
        <source>Linked as a duplicate: {0}</source>
        <translation>Отмечено как дубликат: {0}</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="261"/>
        <source>Duplicate link removed, {0} counts again</source>
        <translation>Отметка дубликата снята, {0} снова учитывается</translation>
    </message>
    <message>
        <location filename="../incidents/review_actions.py" line="285"/>
        <source>Incident review</source>
        <translation>Проверка инцидентов</translation>
    </message>
</context>
<context>
    <name>SeizureLinesEditor</name>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="187"/>
        <source>No seizure lines. Add one with Ctrl+L.</source>
        <translation>Нет позиций изъятия. Добавить позицию: Ctrl+L.</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="192"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="198"/>
        <source>Substance</source>
        <translation>Вещество</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="198"/>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="198"/>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="198"/>
        <source>How known</source>
        <translation>Как определено</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="199"/>
        <source>kg-equivalent and how it was computed</source>
        <translation>В пересчёте на кг и способ расчёта</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="206"/>
        <source>Add line</source>
        <translation>Добавить позицию</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="207"/>
        <source>Add a seizure line (Ctrl+L)</source>
        <translation>Добавить позицию изъятия (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="299"/>
        <source>{kg} kg — {method}</source>
        <translation>{kg} кг — {method}</translation>
    </message>
    <message>
        <location filename="../incidents/seizure_lines_editor.py" line="304"/>
        <source>Total: &lt;b&gt;{kg} kg&lt;/b&gt;-equivalent in {n} line(s)</source>
        <translation>Итого в пересчёте: &lt;b&gt;{kg} кг&lt;/b&gt;, позиций: {n}</translation>
    </message>
</context>
<context>
    <name>TabletMassBox</name>
    <message>
        <location filename="../incidents/tablet_mass.py" line="20"/>
        <source> mg/tablet</source>
        <translation> мг/табл.</translation>
    </message>
    <message>
        <location filename="../incidents/tablet_mass.py" line="21"/>
        <source>Mass per tablet</source>
        <translation>Масса таблетки</translation>
    </message>
    <message>
        <location filename="../incidents/tablet_mass.py" line="22"/>
        <source>Mass per tablet when a laboratory knows it ({0} to {1} mg); leave at the default to use the substance&apos;s own</source>
        <translation>Масса одной таблетки, если она установлена экспертизой (от {0} до {1} мг); оставьте значение по умолчанию, чтобы использовать массу, заданную для вещества</translation>
    </message>
    <message>
        <location filename="../incidents/tablet_mass.py" line="44"/>
        <source>default {0:g} mg</source>
        <translation>по умолчанию {0:g} мг</translation>
    </message>
    <message>
        <location filename="../incidents/tablet_mass.py" line="44"/>
        <source>default</source>
        <translation>по умолчанию</translation>
    </message>
</context>
</TS>
