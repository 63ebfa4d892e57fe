<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../exchange/conflicts_model.py" line="29"/>
        <source>Conflicting edits</source>
        <translation>Конфликт изменений</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="29"/>
        <source>Parallel edit (merged)</source>
        <translation>Параллельное изменение (объединено)</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="30"/>
        <source>Deleted on one side, edited on the other</source>
        <translation>Удалено на одной стороне, изменено на другой</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="30"/>
        <source>Created twice</source>
        <translation>Создано дважды</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="31"/>
        <source>Conflicting edits (no common version)</source>
        <translation>Конфликт изменений (нет общей версии)</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="46"/>
        <source>Seizure line {0}</source>
        <translation>Позиция изъятия {0}</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="48"/>
        <source>Post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="72"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="72"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/import_summary.py" line="42"/>
        <source>%n added</source>
        <translation>
            <numerusform>%n запись добавлена</numerusform>
            <numerusform>%n записи добавлены</numerusform>
            <numerusform>%n записей добавлено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/import_summary.py" line="42"/>
        <source>%n updated</source>
        <translation>
            <numerusform>%n запись обновлена</numerusform>
            <numerusform>%n записи обновлены</numerusform>
            <numerusform>%n записей обновлено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/import_summary.py" line="43"/>
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n запись без изменений</numerusform>
            <numerusform>%n записи без изменений</numerusform>
            <numerusform>%n записей без изменений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/import_summary.py" line="43"/>
        <source>%n merged</source>
        <translation>
            <numerusform>%n запись объединена</numerusform>
            <numerusform>%n записи объединены</numerusform>
            <numerusform>%n записей объединено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/import_summary.py" line="44"/>
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n конфликт</numerusform>
            <numerusform>%n конфликта</numerusform>
            <numerusform>%n конфликтов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/import_summary.py" line="44"/>
        <source>%n held</source>
        <translation>
            <numerusform>%n запись отложена</numerusform>
            <numerusform>%n записи отложены</numerusform>
            <numerusform>%n записей отложено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/import_summary.py" line="45"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n ошибка</numerusform>
            <numerusform>%n ошибки</numerusform>
            <numerusform>%n ошибок</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="58"/>
        <source>&amp;Keys…</source>
        <translation>&amp;Ключи…</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="60"/>
        <source>Signing keys of other installations: trust, revoke, import; this one&apos;s key file</source>
        <translation>Ключи подписи других установок: доверие, отзыв, загрузка; файл ключа этой установки</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="69"/>
        <source>Online &amp;sync…</source>
        <translation>Онлайн-&amp;синхронизация…</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="71"/>
        <source>The centre&apos;s address and certificate, and the state of the online sync</source>
        <translation>Адрес и сертификат центра, состояние онлайн-синхронизации</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="73"/>
        <source>Sync &amp;now</source>
        <translation>Синхронизировать с&amp;ейчас</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="75"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="76"/>
        <source>Send what is waiting to the centre and fetch what it holds for this post</source>
        <translation>Отправить в центр ожидающие данные и получить то, что центр подготовил для этого ОПВ</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="83"/>
        <location filename="../exchange/sync_panel.py" line="85"/>
        <source>Sync: {0}</source>
        <translation>Синхронизация: {0}</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="95"/>
        <source>No centre address is set: Tools → Online sync…</source>
        <translation>Адрес центра не задан: Сервис → Онлайн-синхронизация…</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="98"/>
        <source>A sync is already running.</source>
        <translation>Синхронизация уже выполняется.</translation>
    </message>
</context>
<context>
    <name>ConflictDetailWidget</name>
    <message>
        <location filename="../exchange/conflict_detail.py" line="46"/>
        <location filename="../exchange/conflict_detail.py" line="103"/>
        <source>Select a conflict in the list to see both versions.</source>
        <translation>Выберите конфликт в списке, чтобы увидеть обе версии.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="75"/>
        <source>Take &amp;centre&apos;s version</source>
        <translation>Оставить версию &amp;центра</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="77"/>
        <source>Take &amp;post&apos;s version</source>
        <translation>Оставить версию О&amp;ПВ</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="79"/>
        <source>&amp;Save chosen fields</source>
        <translation>&amp;Сохранить выбранные поля</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="80"/>
        <source>Keep, field by field, the side chosen in the last column.</source>
        <translation>Сохранить по каждому полю сторону, выбранную в последнем столбце.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="82"/>
        <source>&amp;Dismiss flag</source>
        <translation>Сн&amp;ять отметку</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="83"/>
        <source>Both edits were merged: nothing to choose. Dismissing closes the flag.</source>
        <translation>Оба изменения объединены, выбирать нечего. Снятие отметки закрывает её.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="108"/>
        <source>{kind}: incident {number}, post {post}</source>
        <translation>{kind}: инцидент {number}, ОПВ {post}</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="116"/>
        <location filename="../exchange/conflict_detail.py" line="155"/>
        <source>Centre</source>
        <translation>Центр</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="116"/>
        <location filename="../exchange/conflict_detail.py" line="155"/>
        <source>Post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="119"/>
        <source>deleted it</source>
        <translation>удалено</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="119"/>
        <source>edited it</source>
        <translation>изменено</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="120"/>
        <source>received {0}</source>
        <translation>получено {0}</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="121"/>
        <source>made here, not received</source>
        <translation>внесено здесь, не получено</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="122"/>
        <source>{side}: {author} {what} at {origin}; device time {device}; {received}</source>
        <translation>{side}: {what} ({author}, {origin}); время устройства {device}; {received}</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="123"/>
        <source>someone</source>
        <translation>автор неизвестен</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="127"/>
        <source>Base: no common version is known here.</source>
        <translation>Основа: общая версия здесь неизвестна.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="134"/>
        <source>The other side edited different fields: the centre merges both edits, and its version comes back with its next bundle. Dismiss the flag once you have looked.</source>
        <translation>Другая сторона изменила другие поля: центр объединит оба изменения, и его версия придёт со следующим пакетом. Снимите отметку после просмотра.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="138"/>
        <source>Both edits touched different fields and were merged: there is nothing to choose. Dismiss the flag once you have looked.</source>
        <translation>Изменения затронули разные поля и объединены, выбирать нечего. Снимите отметку после просмотра.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="142"/>
        <source>This is a post: the centre resolves conflicts, and its choice comes back with its next bundle.</source>
        <translation>Это ОПВ: конфликты разрешает центр, и его решение придёт со следующим пакетом.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="145"/>
        <source>One side deleted the incident: keep it deleted or bring the other version back whole; fields cannot be mixed.</source>
        <translation>Одна сторона удалила инцидент: оставьте его удалённым или восстановите другую версию целиком; совмещать поля нельзя.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="148"/>
        <source>The incident has been changed here since this conflict was found: resolving now brings the conflict up to date first, and you choose again.</source>
        <translation>Инцидент изменён здесь после обнаружения конфликта: при разрешении конфликт сначала будет обновлён, и выбрать нужно будет снова.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="155"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="155"/>
        <source>Base</source>
        <translation>Основа</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="156"/>
        <source>Keep</source>
        <translation>Оставить</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="164"/>
        <source>No field differs.</source>
        <translation>Различий в полях нет.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="188"/>
        <source>{mark} {field} (edited by the other side)</source>
        <translation>{mark} {field} (изменено другой стороной)</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="189"/>
        <source>{mark} {field} (conflict)</source>
        <translation>{mark} {field} (конфликт)</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="193"/>
        <source>Changed on one side only.</source>
        <translation>Изменено только на одной стороне.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="195"/>
        <source>The other side&apos;s edit of this field.</source>
        <translation>Изменение этого поля, сделанное другой стороной.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="196"/>
        <source>Both sides changed this field, to different values.</source>
        <translation>Обе стороны изменили это поле, и значения различаются.</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="209"/>
        <source>centre</source>
        <translation>центр</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="209"/>
        <source>post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="211"/>
        <source>Keep the centre&apos;s {0}</source>
        <translation>Оставить «{0}» центра</translation>
    </message>
    <message>
        <location filename="../exchange/conflict_detail.py" line="212"/>
        <source>Keep the post&apos;s {0}</source>
        <translation>Оставить «{0}» ОПВ</translation>
    </message>
</context>
<context>
    <name>ConflictsEntry</name>
    <message>
        <location filename="../exchange/conflicts_view.py" line="58"/>
        <source>&amp;Conflicts…</source>
        <translation>&amp;Конфликты…</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="60"/>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="66"/>
        <source>Conflicting edits from posts: compare both versions and choose.</source>
        <translation>Конфликты изменений от ОПВ: сравните обе версии и выберите.</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="69"/>
        <source>Only a supervisor resolves conflicting edits from posts.</source>
        <translation>Конфликты изменений от ОПВ разрешает только старший смены.</translation>
    </message>
</context>
<context>
    <name>ConflictsTableModel</name>
    <message>
        <location filename="../exchange/conflicts_model.py" line="84"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="84"/>
        <source>Incident</source>
        <translation>Инцидент</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="84"/>
        <source>Post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="84"/>
        <source>Other side</source>
        <translation>Другая сторона</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="85"/>
        <source>Fields</source>
        <translation>Поля</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_model.py" line="85"/>
        <source>Detected (local)</source>
        <translation>Обнаружен (местное время)</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../exchange/conflicts_view.py" line="96"/>
        <source>Conflicts</source>
        <translation>Конфликты</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="135"/>
        <location filename="../exchange/conflicts_view.py" line="227"/>
        <source>any post</source>
        <translation>все ОПВ</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="138"/>
        <source>any kind</source>
        <translation>все типы</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="143"/>
        <source>&amp;Post:</source>
        <translation>&amp;ОПВ:</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="143"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Тип:</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="146"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="159"/>
        <source>&amp;Refresh</source>
        <translation>О&amp;бновить</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="161"/>
        <source>Read the list again (F5): a bundle imported elsewhere may have opened new conflicts.</source>
        <translation>Перечитать список (F5): пакет, загруженный на другом рабочем месте, мог открыть новые конфликты.</translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/conflicts_view.py" line="192"/>
        <source>%n open</source>
        <translation>
            <numerusform>%n открытый</numerusform>
            <numerusform>%n открытых</numerusform>
            <numerusform>%n открытых</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/conflicts_view.py" line="194"/>
        <source>%n shown of {0} open</source>
        <translation>
            <numerusform>показан %n из {0} открытых</numerusform>
            <numerusform>показано %n из {0} открытых</numerusform>
            <numerusform>показано %n из {0} открытых</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="214"/>
        <source>This installation is a post: the conflicts are listed here, but the centre decides. Its choice comes back with its next bundle.</source>
        <translation>Эта установка — ОПВ: конфликты показаны здесь, но решение принимает центр. Его выбор придёт со следующим пакетом.</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="290"/>
        <source>the centre&apos;s version</source>
        <translation>версию центра</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="290"/>
        <source>the post&apos;s version</source>
        <translation>версию ОПВ</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="291"/>
        <source>Keep {0} of incident {1}? The other version is set aside. The result is saved as a new version, audited, and goes back to the post with the next bundle.</source>
        <translation>Оставить {0} инцидента {1}? Другая версия будет отложена. Результат сохраняется как новая версия, записывается в журнал аудита и уходит на ОПВ со следующим пакетом.</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="294"/>
        <source>Resolve conflict</source>
        <translation>Разрешить конфликт</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="295"/>
        <source>Conflict on incident {0} resolved: {1} kept.</source>
        <translation>Конфликт по инциденту {0} разрешён: оставлена {1}.</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="303"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="304"/>
        <source>Save incident {0} with the post&apos;s value for: {1}, and the centre&apos;s for the other fields? This is saved as a new version, audited, and goes back to the post with the next bundle.</source>
        <translation>Сохранить инцидент {0} со значениями ОПВ для полей: {1}, а для остальных полей — со значениями центра? Сохраняется как новая версия, записывается в журнал аудита и уходит на ОПВ со следующим пакетом.</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="307"/>
        <source>Resolve conflict field by field</source>
        <translation>Разрешить конфликт по полям</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="308"/>
        <source>Conflict on incident {0} resolved field by field (the post&apos;s value for: {1}).</source>
        <translation>Конфликт по инциденту {0} разрешён по полям (значения ОПВ для полей: {1}).</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="316"/>
        <source>Parallel-edit flag on incident {0} dismissed.</source>
        <translation>Отметка о параллельном изменении инцидента {0} снята.</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="341"/>
        <source>The incident has been changed here since this conflict was found, so the versions you chose from are no longer the ones compared. The conflict now compares the current version: look at it again and choose again.</source>
        <translation>Инцидент изменён здесь после обнаружения конфликта, поэтому версии, из которых вы выбирали, больше не актуальны. Теперь конфликт сравнивает текущую версию: просмотрите его и выберите снова.</translation>
    </message>
    <message>
        <location filename="../exchange/conflicts_view.py" line="360"/>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
</context>
<context>
    <name>ExchangeFiles</name>
    <message>
        <location filename="../exchange/exchange_actions.py" line="78"/>
        <source>E&amp;xport data bundle…</source>
        <translation>&amp;Выгрузить пакет данных…</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="80"/>
        <source>&amp;Import data bundle…</source>
        <translation>&amp;Загрузить пакет данных…</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="82"/>
        <source>Exchange &amp;folder…</source>
        <translation>&amp;Папка обмена…</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="84"/>
        <source>A folder (a USB stick, a shared drive) where bundles are carried.</source>
        <translation>Папка (USB-накопитель, общий сетевой диск), через которую передаются пакеты.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="111"/>
        <source>Your role cannot export data bundles: ask an operator or a supervisor.</source>
        <translation>Ваша роль не позволяет выгружать пакеты данных: обратитесь к оператору или старшему смены.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="113"/>
        <source>Your role cannot import data bundles: ask an operator or a supervisor.</source>
        <translation>Ваша роль не позволяет загружать пакеты данных: обратитесь к оператору или старшему смены.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="115"/>
        <source>This installation has no signing key yet: run &apos;sitcentre install init --role post|centre --origin CODE&apos; on this database first.</source>
        <translation>У этой установки ещё нет ключа подписи: сначала выполните для этой базы данных &apos;sitcentre install init --role post|centre --origin CODE&apos;.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="122"/>
        <source>Write a signed bundle of the changes the other installation has not confirmed yet.</source>
        <translation>Записать подписанный пакет с изменениями, получение которых другая установка ещё не подтвердила.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="124"/>
        <source>Read a bundle from another installation: its records, acknowledgements and alerts.</source>
        <translation>Прочитать пакет от другой установки: записи, подтверждения получения и оповещения.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="138"/>
        <source>Export data bundle</source>
        <translation>Выгрузка пакета данных</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="139"/>
        <source>There is no installation to send a bundle to yet: a post needs its centre&apos;s key, a centre its posts.</source>
        <translation>Пока некому отправить пакет: ОПВ нужен ключ своего центра, центру — ключи его ОПВ.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="163"/>
        <source>Exporting a data bundle</source>
        <translation>Выгрузка пакета данных</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="163"/>
        <source>Bundle for {0}</source>
        <translation>Пакет для {0}</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="169"/>
        <source>Nothing new for {0} since its last confirmation; the bundle still carries this installation&apos;s acknowledgements: {1}</source>
        <translation>Для {0} нет ничего нового с последнего подтверждения; пакет всё равно содержит подтверждения получения от этой установки: {1}</translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/exchange_actions.py" line="172"/>
        <source>%n record(s) for {0} written to {1}</source>
        <translation>
            <numerusform>%n запись для {0} записана в {1}</numerusform>
            <numerusform>%n записи для {0} записаны в {1}</numerusform>
            <numerusform>%n записей для {0} записано в {1}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="180"/>
        <source>Export cancelled: no file was written.</source>
        <translation>Выгрузка отменена: файл не записан.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="188"/>
        <source>The bundle was not written: {0} was kept.</source>
        <translation>Пакет не записан: файл {0} оставлен без изменений.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="191"/>
        <source>Bundle not written</source>
        <translation>Пакет не записан</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="196"/>
        <source>Replace the file?</source>
        <translation>Заменить файл?</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="197"/>
        <source>{0} already exists. Replace it with the new bundle?</source>
        <translation>Файл {0} уже существует. Заменить его новым пакетом?</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="211"/>
        <source>Import a data bundle</source>
        <translation>Загрузка пакета данных</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="212"/>
        <source>Data bundles (*{0});;All files (*)</source>
        <translation>Пакеты данных (*{0});;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="227"/>
        <source>Waiting for the exchange already running…</source>
        <translation>Ожидание завершения текущего обмена…</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="231"/>
        <source>Importing a data bundle</source>
        <translation>Загрузка пакета данных</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="231"/>
        <source>Importing {0}</source>
        <translation>Загрузка {0}</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="237"/>
        <source>{0} was already imported: nothing changed.</source>
        <translation>Пакет {0} уже был загружен: ничего не изменилось.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="241"/>
        <source>{0} imported from {1}.</source>
        <translation>Пакет {0} от {1} загружен.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="253"/>
        <location filename="../exchange/exchange_actions.py" line="254"/>
        <source>Import cancelled: nothing was changed.</source>
        <translation>Загрузка отменена: ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="254"/>
        <source>Import cancelled</source>
        <translation>Загрузка отменена</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="262"/>
        <location filename="../exchange/exchange_actions.py" line="342"/>
        <source>Bundle not imported</source>
        <translation>Пакет не загружен</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="272"/>
        <source>{0} is signed by a key this installation does not know yet.</source>
        <translation>Пакет {0} подписан ключом, который этой установке ещё неизвестен.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="276"/>
        <location filename="../exchange/exchange_actions.py" line="283"/>
        <source>Bundle refused</source>
        <translation>Пакет отклонён</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="277"/>
        <source>This bundle is signed by a key this installation does not know yet: a supervisor must trust it (Tools → Keys…).</source>
        <translation>Пакет подписан ключом, который этой установке ещё неизвестен: старший смены должен признать его доверенным (Сервис → Ключи…).</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="282"/>
        <source>The file was copied aside to {0}.</source>
        <translation>Файл скопирован отдельно в {0}.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="335"/>
        <source>Not a data bundle</source>
        <translation>Это не пакет данных</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="336"/>
        <source>Only data bundles (files ending in {0}) can be dropped here; not imported: {1}</source>
        <translation>Сюда можно перетаскивать только пакеты данных (файлы с окончанием {0}); не загружено: {1}</translation>
    </message>
</context>
<context>
    <name>ExchangeFolder</name>
    <message>
        <location filename="../exchange/exchange_folder.py" line="48"/>
        <source>Exchange folder</source>
        <translation>Папка обмена</translation>
    </message>
</context>
<context>
    <name>ExchangeStatusBar</name>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="100"/>
        <source>The lists of posts, substances and accounts come from the situation centre with each of its bundles.</source>
        <translation>Списки ОПВ, веществ и учётных записей приходят из ситуационного центра с каждым его пакетом.</translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/exchange_status_bar.py" line="107"/>
        <source>%n record(s) not sent</source>
        <translation>
            <numerusform>%n запись не отправлена</numerusform>
            <numerusform>%n записи не отправлены</numerusform>
            <numerusform>%n записей не отправлено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/exchange_status_bar.py" line="109"/>
        <source>%n not confirmed</source>
        <translation>
            <numerusform>%n ждёт подтверждения</numerusform>
            <numerusform>%n ждут подтверждения</numerusform>
            <numerusform>%n ждут подтверждения</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="111"/>
        <source>All sent and confirmed</source>
        <translation>Всё отправлено и подтверждено</translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/exchange_status_bar.py" line="113"/>
        <source>%n changed at the centre too</source>
        <translation>
            <numerusform>%n изменена и в центре</numerusform>
            <numerusform>%n изменены и в центре</numerusform>
            <numerusform>%n изменено и в центре</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="115"/>
        <source>Centre last heard {0}</source>
        <translation>Последний пакет из центра: {0}</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="116"/>
        <source>Centre not heard from yet</source>
        <translation>Из центра пока ничего не получено</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="118"/>
        <source>Not sent: records changed here that are not yet in a bundle for the centre.</source>
        <translation>Не отправлено: записи, изменённые здесь и ещё не вошедшие в пакет для центра.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="119"/>
        <source>Not confirmed: sent, but the centre has not acknowledged them yet.</source>
        <translation>Ждут подтверждения: отправлены, но центр ещё не подтвердил их получение.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="120"/>
        <source>Changed at the centre too: the centre changed a record while your edit was not yet confirmed; the centre will decide.</source>
        <translation>Изменено и в центре: центр изменил запись, пока ваше изменение ещё не было подтверждено; решение примет центр.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="122"/>
        <source>Last heard: the last bundle received from the centre (by file or online).</source>
        <translation>Последний пакет: последний пакет, полученный из центра (файлом или онлайн).</translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/exchange_status_bar.py" line="127"/>
        <source>%n open conflict(s)</source>
        <translation>
            <numerusform>%n открытый конфликт</numerusform>
            <numerusform>%n открытых конфликта</numerusform>
            <numerusform>%n открытых конфликтов</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="128"/>
        <source>No open conflicts</source>
        <translation>Открытых конфликтов нет</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="130"/>
        <source>Conflicting edits from posts wait for a supervisor.</source>
        <translation>Конфликты изменений от ОПВ ждут решения старшего смены.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="132"/>
        <source>Click to open View → Conflicts.</source>
        <translation>Нажмите, чтобы открыть Вид → Конфликты.</translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/exchange_status_bar.py" line="138"/>
        <source>%n held</source>
        <translation>
            <numerusform>%n отложена</numerusform>
            <numerusform>%n отложены</numerusform>
            <numerusform>%n отложено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/exchange_status_bar.py" line="140"/>
        <source>%n not applied</source>
        <translation>
            <numerusform>%n не применена</numerusform>
            <numerusform>%n не применены</numerusform>
            <numerusform>%n не применено</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../exchange/exchange_status_bar.py" line="148"/>
        <source>No reference data from the centre yet: lists may be out of date</source>
        <translation>Справочники из центра ещё не получены: списки могут быть устаревшими</translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/exchange_status_bar.py" line="149"/>
        <source>Reference data is %n day(s) old: lists may be out of date</source>
        <translation>
            <numerusform>Справочникам %n день: списки могут быть устаревшими</numerusform>
            <numerusform>Справочникам %n дня: списки могут быть устаревшими</numerusform>
            <numerusform>Справочникам %n дней: списки могут быть устаревшими</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../exchange/exchange_actions.py" line="352"/>
        <source>Export data bundle</source>
        <translation>Выгрузка пакета данных</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="362"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="368"/>
        <source>The bundle holds every change the recipient has not confirmed yet, signed by this installation. A folder gets the bundle under its usual name.</source>
        <translation>Пакет содержит все изменения, получение которых получатель ещё не подтвердил, и подписан этой установкой. В папку пакет записывается под обычным именем.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="372"/>
        <source>&amp;Recipient:</source>
        <translation>&amp;Получатель:</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="373"/>
        <source>&amp;Where:</source>
        <translation>&amp;Куда:</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="375"/>
        <source>Export</source>
        <translation>Выгрузить</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="391"/>
        <source>Save the data bundle</source>
        <translation>Сохранение пакета данных</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_actions.py" line="392"/>
        <source>Data bundles (*{0})</source>
        <translation>Пакеты данных (*{0})</translation>
    </message>
</context>
<context>
    <name>FolderDialog</name>
    <message>
        <location filename="../exchange/exchange_folder.py" line="146"/>
        <source>Exchange folder</source>
        <translation>Папка обмена</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_folder.py" line="150"/>
        <source>A folder on a USB stick or a shared drive where data bundles are carried: bundles for this installation found there are offered for import, and exports are written there.</source>
        <translation>Папка на USB-накопителе или общем сетевом диске, через которую передаются пакеты данных: найденные в ней пакеты для этой установки предлагаются к загрузке, а выгрузки записываются туда же.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_folder.py" line="154"/>
        <source>&amp;Choose…</source>
        <translation>&amp;Выбрать…</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_folder.py" line="156"/>
        <source>&amp;Do not use a folder</source>
        <translation>&amp;Не использовать папку</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_folder.py" line="173"/>
        <source>Folder: {0}</source>
        <translation>Папка: {0}</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_folder.py" line="174"/>
        <source>No exchange folder is used.</source>
        <translation>Папка обмена не используется.</translation>
    </message>
    <message>
        <location filename="../exchange/exchange_folder.py" line="178"/>
        <source>Choose the exchange folder</source>
        <translation>Выбор папки обмена</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <location filename="../exchange/import_summary.py" line="58"/>
        <source>Import finished</source>
        <translation>Загрузка завершена</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="62"/>
        <source>bundle {0}</source>
        <translation>Пакет {0}</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="63"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; from &lt;b&gt;{1}&lt;/b&gt; has been imported.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; от &lt;b&gt;{1}&lt;/b&gt; загружен.</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="76"/>
        <source>List these records</source>
        <translation>Показать эти записи</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="87"/>
        <source>The centre holds more of this post&apos;s changes than this database: a new feed was started (the database was restored from a backup).</source>
        <translation>В центре больше изменений этого ОПВ, чем в этой базе данных: начат новый поток (база данных восстановлена из резервной копии).</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="91"/>
        <source>Open &amp;Conflicts…</source>
        <translation>Открыть &amp;конфликты…</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="99"/>
        <source>new here</source>
        <translation>новые здесь</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="100"/>
        <source>a newer version replaced the one here</source>
        <translation>более новая версия заменила здешнюю</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="101"/>
        <source>already here</source>
        <translation>уже есть здесь</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="102"/>
        <source>edited at both ends, in different fields: both edits kept</source>
        <translation>изменены на обеих сторонах в разных полях: сохранены оба изменения</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="103"/>
        <source>edited at both ends in the same field: a supervisor chooses</source>
        <translation>изменены на обеих сторонах в одном поле: выбор за старшим смены</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="104"/>
        <source>waiting for an earlier version that has not arrived yet</source>
        <translation>ожидают более раннюю версию, которая ещё не пришла</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="105"/>
        <source>could not be applied: the reason is listed</source>
        <translation>не удалось применить: причина указана в списке</translation>
    </message>
</context>
<context>
    <name>KeyTrust</name>
    <message>
        <location filename="../exchange/key_trust.py" line="66"/>
        <source>Signing key</source>
        <translation>Ключ подписи</translation>
    </message>
</context>
<context>
    <name>KeyTrustDialog</name>
    <message>
        <location filename="../exchange/key_trust.py" line="87"/>
        <location filename="../exchange/key_trust.py" line="114"/>
        <source>Signing key of {0}</source>
        <translation>Ключ подписи {0}</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="113"/>
        <source>{0} asks to be trusted</source>
        <translation>{0} запрашивает доверие</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="123"/>
        <source>a post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="123"/>
        <source>a centre</source>
        <translation>центр</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="124"/>
        <source>new: not seen here before</source>
        <translation>новый: здесь ранее не встречался</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="124"/>
        <source>waiting for confirmation</source>
        <translation>ожидает подтверждения</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="125"/>
        <location filename="../exchange/key_trust.py" line="227"/>
        <source>trusted</source>
        <translation>доверенный</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="125"/>
        <source>revoked</source>
        <translation>отозван</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="126"/>
        <source>this installation&apos;s own key</source>
        <translation>собственный ключ этой установки</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="129"/>
        <source>Origin:</source>
        <translation>Источник:</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="130"/>
        <source>Role:</source>
        <translation>Роль:</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="133"/>
        <source>Key id:</source>
        <translation>ID ключа:</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="135"/>
        <source>State here:</source>
        <translation>Состояние здесь:</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="142"/>
        <source>Fingerprint:</source>
        <translation>Отпечаток ключа:</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="164"/>
        <source>Call {0} by telephone (or meet in person) and ask them to read out the fingerprint of their key: they find it in Tools → Keys…, or printed by &apos;sitcentre keys export&apos;. Trust this key only if every group matches. Never compare with a fingerprint that came with the bundle or the key file itself.</source>
        <translation>Свяжитесь с {0} по телефону (или встретьтесь лично) и попросите зачитать отпечаток их ключа: он есть в меню Сервис → Ключи… или в выводе &apos;sitcentre keys export&apos;. Доверяйте этому ключу, только если совпадают все группы. Никогда не сверяйте с отпечатком, пришедшим вместе с пакетом или с самим файлом ключа.</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="172"/>
        <source>{0} already has a trusted key ({1}): trusting this one too is a key rotation (a new computer, a reinstallation). Once the old key is no longer used, revoke it in Tools → Keys….</source>
        <translation>У {0} уже есть доверенный ключ ({1}): доверие и этому ключу означает смену ключа (новый компьютер, переустановка). Когда старый ключ перестанет использоваться, отзовите его в меню Сервис → Ключи….</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="181"/>
        <source>This key is already trusted: bundles signed with it are accepted.</source>
        <translation>Этот ключ уже доверенный: подписанные им пакеты принимаются.</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="183"/>
        <source>A supervisor must confirm this key: ask one to compare the fingerprint and trust it (Tools → Keys…). Until then bundles signed with it are refused.</source>
        <translation>Этот ключ должен подтвердить старший смены: попросите его сверить отпечаток и признать ключ доверенным (Сервис → Ключи…). До этого подписанные им пакеты отклоняются.</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="189"/>
        <source>&amp;Import the bundle again</source>
        <translation>&amp;Повторить загрузку пакета</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="193"/>
        <source>&amp;Trust this key</source>
        <translation>&amp;Доверять этому ключу</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="197"/>
        <source>&amp;Refuse</source>
        <translation>&amp;Отклонить</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="199"/>
        <source>The key stays waiting for confirmation; bundles signed with it are refused until a supervisor trusts it.</source>
        <translation>Ключ остаётся в ожидании подтверждения; подписанные им пакеты отклоняются, пока старший смены не признает его доверенным.</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="202"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="229"/>
        <source>Key trusted: bundles signed with it are accepted from now on.</source>
        <translation>Ключ признан доверенным: отныне подписанные им пакеты принимаются.</translation>
    </message>
    <message>
        <location filename="../exchange/key_trust.py" line="247"/>
        <source>Not trusted: {0}</source>
        <translation>Не признан доверенным: {0}</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <location filename="../exchange/keys_dialog.py" line="129"/>
        <source>Signing keys</source>
        <translation>Ключи подписи</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="134"/>
        <source>This installation&apos;s key: loading…</source>
        <translation>Ключ этой установки: загрузка…</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="155"/>
        <source>Only a supervisor or an administrator may trust or revoke a key.</source>
        <translation>Доверять ключу или отзывать его может только старший смены или администратор.</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="164"/>
        <source>&amp;Trust…</source>
        <translation>&amp;Доверять…</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="165"/>
        <source>Re&amp;voke…</source>
        <translation>&amp;Отозвать…</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="166"/>
        <source>&amp;Import key file…</source>
        <translation>&amp;Загрузить файл ключа…</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="167"/>
        <source>&amp;Export this installation&apos;s key…</source>
        <translation>&amp;Выгрузить ключ этой установки…</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="206"/>
        <source>This installation has no signing key yet: run &apos;sitcentre install init --role … --origin …&apos; once.</source>
        <translation>У этой установки ещё нет ключа подписи: выполните один раз &apos;sitcentre install init --role … --origin …&apos;.</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="210"/>
        <source>This installation: &lt;b&gt;{0}&lt;/b&gt; ({1}), key {2}&lt;br&gt;Fingerprint: {3}</source>
        <translation>Эта установка: &lt;b&gt;{0}&lt;/b&gt; ({1}), ключ {2}&lt;br&gt;Отпечаток ключа: {3}</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="266"/>
        <source>Key {0} of {1} is revoked: bundles signed with it are refused from now on.</source>
        <translation>Ключ {0} ({1}) отозван: отныне подписанные им пакеты отклоняются.</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="271"/>
        <source>Import a key file</source>
        <translation>Загрузка файла ключа</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="272"/>
        <source>Key files and bundles (*.key *.json *.scb *.zip);;All files (*)</source>
        <translation>Файлы ключей и пакеты (*.key *.json *.scb *.zip);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="284"/>
        <source>Export this installation&apos;s key</source>
        <translation>Выгрузка ключа этой установки</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="286"/>
        <source>Key files (*.key);;All files (*)</source>
        <translation>Файлы ключей (*.key);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="299"/>
        <source>Key file written: {0}. Send it to the other installation, and read the fingerprint above to its supervisor by telephone or in person.</source>
        <translation>Файл ключа записан: {0}. Отправьте его другой установке и зачитайте приведённый выше отпечаток её старшему смены по телефону или лично.</translation>
    </message>
</context>
<context>
    <name>KeysModel</name>
    <message>
        <location filename="../exchange/keys_dialog.py" line="86"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="86"/>
        <source>Origin</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="86"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="86"/>
        <source>Key id</source>
        <translation>ID ключа</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="87"/>
        <source>Fingerprint</source>
        <translation>Отпечаток</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="87"/>
        <source>First seen</source>
        <translation>Впервые получен</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="87"/>
        <source>Decided</source>
        <translation>Решение</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="87"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="88"/>
        <source>trusted</source>
        <translation>доверенный</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="88"/>
        <source>waiting for confirmation</source>
        <translation>ожидает подтверждения</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="89"/>
        <source>revoked</source>
        <translation>отозван</translation>
    </message>
</context>
<context>
    <name>OfferBar</name>
    <message>
        <location filename="../exchange/exchange_folder.py" line="125"/>
        <source>Import</source>
        <translation>Загрузить</translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/exchange_folder.py" line="137"/>
        <source>%n bundle(s) for this installation in {0}:</source>
        <translation>
            <numerusform>%n пакет для этой установки в {0}:</numerusform>
            <numerusform>%n пакета для этой установки в {0}:</numerusform>
            <numerusform>%n пакетов для этой установки в {0}:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordsDialog</name>
    <message>
        <location filename="../exchange/import_summary.py" line="141"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="141"/>
        <source>Post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="141"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="147"/>
        <source>not here ({0})</source>
        <translation>нет здесь ({0})</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="150"/>
        <source>Double-click to open</source>
        <translation>Дважды щёлкните, чтобы открыть</translation>
    </message>
    <message>
        <location filename="../exchange/import_summary.py" line="159"/>
        <source>The first {0} of {1} are listed.</source>
        <translation>Показаны первые {0} из {1}.</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <location filename="../exchange/keys_dialog.py" line="312"/>
        <source>Revoke key {0} of {1}</source>
        <translation>Отзыв ключа {0} ({1})</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="314"/>
        <source>Bundles signed with this key will be refused from now on. A revoked key cannot be trusted again: {0} will have to make a new key and send its key file.</source>
        <translation>Пакеты, подписанные этим ключом, будут отныне отклоняться. Отозванному ключу нельзя снова доверять: {0} придётся создать новый ключ и прислать его файл.</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="319"/>
        <source>Why: e.g. laptop stolen, post closed, key replaced</source>
        <translation>Причина: например, украден ноутбук, ОПВ закрыт, ключ заменён</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="321"/>
        <source>Key:</source>
        <translation>Ключ:</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="322"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location filename="../exchange/keys_dialog.py" line="325"/>
        <source>Revoke key</source>
        <translation>Отозвать ключ</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../exchange/sync_panel.py" line="132"/>
        <source>Online sync with the centre</source>
        <translation>Онлайн-синхронизация с центром</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="137"/>
        <source>When the centre is reachable over the network, this post sends what is waiting and fetches what the centre holds for it, by itself, every few minutes (less often after failures). The certificate is the centre&apos;s own (ask its administrator for the file): it is the only one this post will trust.</source>
        <translation>Когда центр доступен по сети, этот ОПВ сам каждые несколько минут (после сбоев — реже) отправляет ожидающие данные и получает то, что центр для него подготовил. Сертификат — собственный сертификат центра (файл выдаёт администратор центра): только ему этот ОПВ будет доверять.</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="147"/>
        <source>What the last round did is shown here.</source>
        <translation>Здесь показан результат последнего сеанса.</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="172"/>
        <source>Centre&apos;s &amp;address:</source>
        <translation>&amp;Адрес центра:</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="175"/>
        <source>Keep the pinned certificate</source>
        <translation>Оставить закреплённый сертификат</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="177"/>
        <source>&amp;Browse…</source>
        <translation>О&amp;бзор…</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="183"/>
        <source>&amp;Certificate file:</source>
        <translation>Файл се&amp;ртификата:</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="190"/>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="191"/>
        <source>Sync in the &amp;background</source>
        <translation>Синхронизировать в &amp;фоне</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="198"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="211"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="224"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="227"/>
        <source>Sync &amp;now</source>
        <translation>Синхронизировать с&amp;ейчас</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="229"/>
        <location filename="../exchange/sync_panel.py" line="230"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="249"/>
        <source>No centre address is set yet: give it and the certificate, then Save.</source>
        <translation>Адрес центра ещё не задан: укажите его и сертификат, затем нажмите «Сохранить».</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="260"/>
        <source>Centre</source>
        <translation>Центр</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="261"/>
        <source>Background sync</source>
        <translation>Фоновая синхронизация</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="261"/>
        <source>on</source>
        <translation>вкл.</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="261"/>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="262"/>
        <source>Last success</source>
        <translation>Последний успех</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="262"/>
        <location filename="../exchange/sync_panel.py" line="263"/>
        <location filename="../exchange/sync_panel.py" line="264"/>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="263"/>
        <source>Last attempt</source>
        <translation>Последняя попытка</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="264"/>
        <source>Centre last heard from</source>
        <translation>Последний ответ центра</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="266"/>
        <source>Failures in a row</source>
        <translation>Сбоев подряд</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="268"/>
        <source>Last error</source>
        <translation>Последняя ошибка</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="271"/>
        <source>Next try</source>
        <translation>Следующая попытка</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="280"/>
        <source>The centre&apos;s certificate</source>
        <translation>Сертификат центра</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="281"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Сертификаты (*.pem *.crt *.cer);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="314"/>
        <source>Saved: {0}{1}</source>
        <translation>Сохранено: {0}{1}</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="315"/>
        <source> (background sync off)</source>
        <translation> (фоновая синхронизация выключена)</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="322"/>
        <source>Not saved: {0}</source>
        <translation>Не сохранено: {0}</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="333"/>
        <source>This account may not exchange bundles.</source>
        <translation>Этой учётной записи обмен пакетами не разрешён.</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="341"/>
        <source>Starting…</source>
        <translation>Запуск…</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="348"/>
        <source>Exporting</source>
        <translation>Выгрузка</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="348"/>
        <source>Sending</source>
        <translation>Отправка</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="349"/>
        <source>Receiving</source>
        <translation>Получение</translation>
    </message>
    <message>
        <location filename="../exchange/sync_panel.py" line="349"/>
        <source>Importing</source>
        <translation>Загрузка</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <location filename="../exchange/sync_scheduler.py" line="239"/>
        <source>Syncing… ({0})</source>
        <translation>Синхронизация… ({0})</translation>
    </message>
    <message>
        <location filename="../exchange/sync_scheduler.py" line="239"/>
        <source>Syncing…</source>
        <translation>Синхронизация…</translation>
    </message>
    <message>
        <location filename="../exchange/sync_scheduler.py" line="243"/>
        <source>Online sync with {0} at {1}</source>
        <translation>Онлайн-синхронизация с {0} по адресу {1}</translation>
    </message>
    <message>
        <location filename="../exchange/sync_scheduler.py" line="245"/>
        <source>Sync off</source>
        <translation>Синхронизация выключена</translation>
    </message>
    <message>
        <location filename="../exchange/sync_scheduler.py" line="247"/>
        <source>Sync stopped: {0}</source>
        <translation>Синхронизация остановлена: {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../exchange/sync_scheduler.py" line="250"/>
        <source>Sync failed %n time(s)</source>
        <translation>
            <numerusform>Синхронизация не удалась %n раз</numerusform>
            <numerusform>Синхронизация не удалась %n раза</numerusform>
            <numerusform>Синхронизация не удалась %n раз</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../exchange/sync_scheduler.py" line="252"/>
        <source>: {0}</source>
        <translation>: {0}</translation>
    </message>
    <message>
        <location filename="../exchange/sync_scheduler.py" line="254"/>
        <source>, next try {0}</source>
        <translation>, следующая попытка {0}</translation>
    </message>
    <message>
        <location filename="../exchange/sync_scheduler.py" line="257"/>
        <source>Synced {0}</source>
        <translation>Синхронизировано {0}</translation>
    </message>
    <message>
        <location filename="../exchange/sync_scheduler.py" line="258"/>
        <source>Not synced yet</source>
        <translation>Ещё не синхронизировано</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../exchange/transfer_dialog.py" line="24"/>
        <source>Starting…</source>
        <translation>Запуск…</translation>
    </message>
    <message>
        <location filename="../exchange/transfer_dialog.py" line="28"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../exchange/transfer_dialog.py" line="29"/>
        <source>Stop: nothing of this transfer is kept.</source>
        <translation>Остановить: ничего из этой передачи не сохранится.</translation>
    </message>
    <message>
        <location filename="../exchange/transfer_dialog.py" line="45"/>
        <source>Checking the bundle&apos;s signature and contents…</source>
        <translation>Проверка подписи и содержимого пакета…</translation>
    </message>
    <message>
        <location filename="../exchange/transfer_dialog.py" line="46"/>
        <source>Applying the records: {0} of {1}…</source>
        <translation>Применение записей: {0} из {1}…</translation>
    </message>
    <message>
        <location filename="../exchange/transfer_dialog.py" line="47"/>
        <source>Preparing the records to send…</source>
        <translation>Подготовка записей к отправке…</translation>
    </message>
    <message>
        <location filename="../exchange/transfer_dialog.py" line="48"/>
        <source>Writing the bundle: {0} of {1} records…</source>
        <translation>Запись пакета: {0} из {1} записей…</translation>
    </message>
    <message>
        <location filename="../exchange/transfer_dialog.py" line="50"/>
        <source>Working ({0})…</source>
        <translation>Выполняется ({0})…</translation>
    </message>
    <message>
        <location filename="../exchange/transfer_dialog.py" line="68"/>
        <source>Stopping… nothing of this transfer will be kept.</source>
        <translation>Остановка… ничего из этой передачи не сохранится.</translation>
    </message>
</context>
</TS>
