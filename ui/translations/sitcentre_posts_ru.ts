<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../audit/audit_model.py" line="34"/>
        <source>Created</source>
        <translation>Создание</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="34"/>
        <source>Edited</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="34"/>
        <source>Deleted</source>
        <translation>Удаление</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="35"/>
        <source>Verified</source>
        <comment>audit action</comment>
        <translation>Подтверждение</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="35"/>
        <source>Reopened</source>
        <translation>Возврат на проверку</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="36"/>
        <source>Linked as duplicate</source>
        <translation>Отмечено как дубликат</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="35"/>
        <source>Rejected</source>
        <comment>audit action</comment>
        <translation>Отклонение</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="37"/>
        <source>Duplicate link removed</source>
        <translation>Связь с дубликатом снята</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="37"/>
        <source>Signed in</source>
        <translation>Вход в систему</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="38"/>
        <source>Sign-in refused</source>
        <translation>Отказ во входе</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="38"/>
        <source>Signed out</source>
        <translation>Выход из системы</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="38"/>
        <source>Password changed</source>
        <translation>Смена пароля</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="39"/>
        <source>Account disabled</source>
        <translation>Учётная запись отключена</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="39"/>
        <source>Account enabled</source>
        <translation>Учётная запись включена</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="39"/>
        <source>Account unlocked</source>
        <translation>Учётная запись разблокирована</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="40"/>
        <source>Exported</source>
        <translation>Выгрузка</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="40"/>
        <source>Imported</source>
        <translation>Загрузка</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="40"/>
        <source>Refused (no permission)</source>
        <translation>Отказ (нет прав)</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="41"/>
        <source>Post status changed</source>
        <translation>Смена статуса поста</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="41"/>
        <source>Alert sent</source>
        <translation>Оповещение отправлено</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="41"/>
        <source>Alert acknowledged</source>
        <translation>Оповещение: получение подтверждено</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="42"/>
        <source>Key trusted</source>
        <translation>Ключ признан доверенным</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="42"/>
        <source>Key revoked</source>
        <translation>Ключ отозван</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="42"/>
        <source>New feed epoch</source>
        <translation>Новая эпоха ленты обмена</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="43"/>
        <source>Conflict resolved</source>
        <translation>Конфликт версий разрешён</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="43"/>
        <source>Parallel edit dismissed</source>
        <translation>Отметка о параллельной правке снята</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="44"/>
        <source>Security alert</source>
        <translation>Предупреждение безопасности</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="44"/>
        <source>Audit trail anchored</source>
        <translation>Журнал аудита: контрольная точка</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="49"/>
        <source>Incident</source>
        <translation>Инцидент</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="49"/>
        <source>Account</source>
        <translation>Учётная запись</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="49"/>
        <source>Alert</source>
        <translation>Оповещение</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="49"/>
        <source>Post</source>
        <comment>record type</comment>
        <translation>Пост</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="50"/>
        <source>Exchange bundle</source>
        <translation>Пакет данных</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="50"/>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="51"/>
        <source>Audit trail</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="51"/>
        <source>Spreadsheet import</source>
        <translation>Загрузка из таблицы</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="70"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="91"/>
        <source>{0} {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="92"/>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="100"/>
        <source>Entry #{0} · {1} · {2}</source>
        <translation>Запись №{0} · {1} · {2}</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="101"/>
        <source>{0}: {1} {2}</source>
        <translation>{0}: {1} {2}</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="104"/>
        <source>Before:</source>
        <translation>До:</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="104"/>
        <source>After:</source>
        <translation>После:</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="107"/>
        <source>Previous hash: {0}</source>
        <translation>Предыдущий хеш: {0}</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="107"/>
        <source>(first entry)</source>
        <translation>(первая запись)</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="108"/>
        <source>Hash: {0}</source>
        <translation>Хеш: {0}</translation>
    </message>
    <message>
        <location filename="../audit/history_dialog.py" line="88"/>
        <source>History of incident {0}, {1}</source>
        <translation>История инцидента {0}, {1}</translation>
    </message>
    <message>
        <location filename="../audit/history_dialog.py" line="89"/>
        <source>History of incident {0}</source>
        <translation>История инцидента {0}</translation>
    </message>
    <message>
        <location filename="../audit/history_dialog.py" line="91"/>
        <source>History of an incident</source>
        <translation>История инцидента</translation>
    </message>
    <message>
        <location filename="../audit/history_dialog.py" line="93"/>
        <source>History of the incident at {0}, {1}</source>
        <translation>История инцидента: {0}, {1}</translation>
    </message>
    <message>
        <location filename="../audit/history_dialog.py" line="94"/>
        <source>History of an incident at {0}</source>
        <translation>История инцидента: {0}</translation>
    </message>
    <message>
        <location filename="../posts/post_card.py" line="65"/>
        <source>No bundle received yet</source>
        <translation>Пакеты ещё не поступали</translation>
    </message>
    <message numerus="yes">
        <location filename="../posts/post_card.py" line="66"/>
        <source>Last bundle {0}: %n record(s)</source>
        <translation>
            <numerusform>Последний пакет {0}: %n запись</numerusform>
            <numerusform>Последний пакет {0}: %n записи</numerusform>
            <numerusform>Последний пакет {0}: %n записей</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../posts/post_card.py" line="69"/>
        <source>({0} added, {1} updated)</source>
        <translation>(добавлено: {0}, обновлено: {1})</translation>
    </message>
    <message numerus="yes">
        <location filename="../posts/post_card.py" line="79"/>
        <source>%n held</source>
        <translation>
            <numerusform>%n запись отложена</numerusform>
            <numerusform>%n записи отложены</numerusform>
            <numerusform>%n записей отложено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../posts/post_card.py" line="81"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n ошибка</numerusform>
            <numerusform>%n ошибки</numerusform>
            <numerusform>%n ошибок</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../posts/post_card.py" line="86"/>
        <source>Held: received entries waiting for an earlier one from the same post. Errors: entries that could not be applied (&apos;sitcentre bundle pending&apos; gives the reasons); the post&apos;s next bundle tries again.</source>
        <translation>Отложены: полученные записи, которые ждут более ранней записи от того же ОПВ. Ошибки: записи, которые не удалось применить (причины показывает &apos;sitcentre bundle pending&apos;); следующий пакет от ОПВ повторит попытку.</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="80"/>
        <source>Operational</source>
        <translation>Работает</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="80"/>
        <source>Limited</source>
        <translation>Работает с ограничениями</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="81"/>
        <source>Offline</source>
        <translation>Нет связи</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="85"/>
        <source>Low</source>
        <translation>Низкий</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="85"/>
        <source>Normal</source>
        <translation>Обычный</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="85"/>
        <source>High</source>
        <translation>Высокий</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="86"/>
        <source>Urgent</source>
        <translation>Срочный</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="90"/>
        <source>Situation centre</source>
        <translation>Ситуационный центр</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="94"/>
        <source>All posts</source>
        <translation>Все ОПВ</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="103"/>
        <source>{0} min</source>
        <translation>{0} мин</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="105"/>
        <source>{0} h</source>
        <translation>{0} ч</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="107"/>
        <source>{0} d {1} h</source>
        <translation>{0} д {1} ч</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="107"/>
        <source>{0} d</source>
        <translation>{0} д</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="112"/>
        <source>No report ever received</source>
        <translation>Сообщений ещё не было</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="113"/>
        <source>Last report {0} ago</source>
        <translation>Последнее сообщение {0} назад</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="119"/>
        <source>0 kg</source>
        <translation>0 кг</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="121"/>
        <location filename="../posts/post_style.py" line="123"/>
        <location filename="../posts/post_style.py" line="124"/>
        <source>{0} kg</source>
        <translation>{0} кг</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="139"/>
        <source>Incidents: {0} in 24 h, {1} in 7 days</source>
        <translation>Инциденты: {0} за 24 ч, {1} за 7 дней</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="140"/>
        <source>Drugs seized in 30 days: {0} (kg-equivalent; precursors counted apart)</source>
        <translation>Изъято наркотиков за 30 дней: {0} (в пересчёте на кг; прекурсоры учитываются отдельно)</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="144"/>
        <source>Precursors seized in 30 days: {0}</source>
        <translation>Изъято прекурсоров за 30 дней: {0}</translation>
    </message>
    <message>
        <location filename="../posts/post_style.py" line="147"/>
        <source>{0} unacknowledged alerts</source>
        <translation>Оповещений без подтверждения получения: {0}</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <location filename="../posts/alerts_model.py" line="49"/>
        <source>Sent</source>
        <translation>Отправлено</translation>
    </message>
    <message>
        <location filename="../posts/alerts_model.py" line="49"/>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../posts/alerts_model.py" line="49"/>
        <source>From</source>
        <translation>От</translation>
    </message>
    <message>
        <location filename="../posts/alerts_model.py" line="49"/>
        <source>To</source>
        <translation>Кому</translation>
    </message>
    <message>
        <location filename="../posts/alerts_model.py" line="49"/>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <location filename="../posts/alerts_model.py" line="50"/>
        <source>Incident</source>
        <translation>Инцидент</translation>
    </message>
    <message>
        <location filename="../posts/alerts_model.py" line="50"/>
        <source>Acknowledged</source>
        <translation>Получено</translation>
    </message>
    <message>
        <location filename="../posts/alerts_model.py" line="123"/>
        <source>{0} (not in this database yet)</source>
        <translation>{0} (ещё нет в этой базе)</translation>
    </message>
    <message>
        <location filename="../posts/alerts_model.py" line="135"/>
        <source>Waiting</source>
        <translation>Ожидает</translation>
    </message>
    <message>
        <location filename="../posts/alerts_model.py" line="136"/>
        <source>Waiting for {0}</source>
        <translation>Ожидает {0}</translation>
    </message>
    <message>
        <location filename="../posts/alerts_model.py" line="138"/>
        <source>{0}, {1} (after {2})</source>
        <translation>{0}, {1} (через {2})</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <location filename="../posts/alerts_panel.py" line="53"/>
        <source>All alerts</source>
        <translation>Все оповещения</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="54"/>
        <source>Waiting for acknowledgement</source>
        <translation>Ожидают подтверждения получения</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="56"/>
        <source>Every post and the centre</source>
        <translation>Все ОПВ и центр</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="59"/>
        <source>Acknowledge</source>
        <translation>Подтвердить получение</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="60"/>
        <source>Confirm that the selected alert was received and acted upon</source>
        <translation>Подтвердить, что выбранное оповещение получено и по нему приняты меры</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="62"/>
        <source>New alert…</source>
        <translation>Новое оповещение…</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="113"/>
        <source>Show:</source>
        <translation>Показать:</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="115"/>
        <source>Post:</source>
        <translation>ОПВ:</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="150"/>
        <source>{0} shown, {1} waiting</source>
        <translation>Показано: {0}, ожидают: {1}</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="176"/>
        <source>Select an alert to read it in full.</source>
        <translation>Выберите оповещение, чтобы прочитать его полностью.</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="180"/>
        <source>{0} priority · from {1} to {2} · sent {3} by {4}</source>
        <translation>{0} приоритет · отправитель: {1} · получатель: {2} · отправлено {3} ({4})</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="181"/>
        <location filename="../posts/alerts_panel.py" line="210"/>
        <source>the situation centre</source>
        <translation>ситуационный центр</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="182"/>
        <location filename="../posts/alerts_panel.py" line="211"/>
        <source>all posts</source>
        <translation>все ОПВ</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="186"/>
        <source>Related incident: {0} (double-click to open)</source>
        <translation>Связанный инцидент: {0} (двойной щелчок — открыть)</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="209"/>
        <source>Alert acknowledged: from {0} to {1}, sent {2}</source>
        <translation>Получение оповещения подтверждено: {0} → {1}, отправлено {2}</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="213"/>
        <source>Already acknowledged by {0} at {1}.</source>
        <translation>Получение уже подтвердил(а) {0}, {1}.</translation>
    </message>
    <message>
        <location filename="../posts/alerts_panel.py" line="217"/>
        <source>Not acknowledged: {0}</source>
        <translation>Получение не подтверждено: {0}</translation>
    </message>
</context>
<context>
    <name>AuditEntriesWidget</name>
    <message>
        <location filename="../audit/entries_widget.py" line="44"/>
        <source>Select an entry to see it in full.</source>
        <translation>Выберите запись, чтобы увидеть её полностью.</translation>
    </message>
    <message>
        <location filename="../audit/entries_widget.py" line="46"/>
        <source>Technical details</source>
        <translation>Технические подробности</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../audit/audit_model.py" line="118"/>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="118"/>
        <source>When (local)</source>
        <translation>Время (местное)</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="118"/>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="118"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="119"/>
        <source>Record</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location filename="../audit/audit_model.py" line="119"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../audit/audit_view.py" line="56"/>
        <source>Audit trail</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="80"/>
        <source>any user</source>
        <translation>любой пользователь</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="84"/>
        <source>any record</source>
        <translation>любой объект</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="85"/>
        <source>any action</source>
        <translation>любое действие</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="87"/>
        <source>&amp;From</source>
        <translation>&amp;С</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="88"/>
        <source>&amp;to</source>
        <translation>п&amp;о</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="96"/>
        <source>&amp;User:</source>
        <translation>&amp;Пользователь:</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="98"/>
        <source>Record:</source>
        <translation>Объект:</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="98"/>
        <source>Action:</source>
        <translation>Действие:</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="114"/>
        <source>Load &amp;older entries</source>
        <translation>Загрузить более &amp;ранние записи</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="116"/>
        <source>&amp;History of this record…</source>
        <translation>&amp;История объекта…</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="118"/>
        <source>&amp;Verify chain</source>
        <translation>Проверить &amp;цепочку</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="119"/>
        <source>Recompute every entry&apos;s hash: shows whether any entry was changed or removed outside sitcentre.</source>
        <translation>Пересчитать хеш каждой записи: показывает, была ли какая-либо запись изменена или удалена в обход sitcentre.</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="127"/>
        <source>An anchor writes the trail&apos;s last entry down outside the database (&apos;sitcentre audit anchor&apos;); &apos;sitcentre audit verify --anchor&apos; later shows whether the trail was rewritten since.</source>
        <translation>Контрольная точка сохраняет последнюю запись журнала вне базы данных (&apos;sitcentre audit anchor&apos;); позднее &apos;sitcentre audit verify --anchor&apos; покажет, переписывался ли журнал с тех пор.</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="166"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message numerus="yes">
        <location filename="../audit/audit_view.py" line="192"/>
        <source>%n entries shown</source>
        <translation>
            <numerusform>Показана %n запись</numerusform>
            <numerusform>Показаны %n записи</numerusform>
            <numerusform>Показано %n записей</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="193"/>
        <source> (older ones not loaded yet)</source>
        <translation> (более ранние ещё не загружены)</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="239"/>
        <source>Checking every entry…</source>
        <translation>Проверка всех записей…</translation>
    </message>
    <message numerus="yes">
        <location filename="../audit/audit_view.py" line="247"/>
        <source>Intact: %n entries checked.</source>
        <translation>
            <numerusform>Цепочка цела: проверена %n запись.</numerusform>
            <numerusform>Цепочка цела: проверены %n записи.</numerusform>
            <numerusform>Цепочка цела: проверено %n записей.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="250"/>
        <source>Broken at entry #{0}: it or the entry before it was changed or removed outside sitcentre.</source>
        <translation>Цепочка нарушена на записи №{0}: она или предыдущая запись изменена или удалена в обход sitcentre.</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="262"/>
        <source>Never anchored</source>
        <translation>Контрольных точек ещё не было</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="264"/>
        <source>signed</source>
        <translation>подписана</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="264"/>
        <source>not signed</source>
        <translation>не подписана</translation>
    </message>
    <message>
        <location filename="../audit/audit_view.py" line="265"/>
        <source>Last anchor: {0} (entry #{1}, {2})</source>
        <translation>Последняя контрольная точка: {0} (запись №{1}, {2})</translation>
    </message>
</context>
<context>
    <name>BriefDialog</name>
    <message>
        <location filename="../brief/brief_export.py" line="151"/>
        <source>Export daily brief</source>
        <translation>Выгрузка ежедневной сводки</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="158"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="160"/>
        <source>Count verified incidents only</source>
        <translation>Учитывать только подтверждённые инциденты</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="161"/>
        <source>The headline numbers, the chart and the largest seizures then leave out incidents that are reported but not verified yet.</source>
        <translation>Тогда основные показатели, график и крупнейшие изъятия не учитывают инциденты, которые зарегистрированы, но ещё не подтверждены.</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="167"/>
        <source>A PDF for management: the day&apos;s numbers against the 7- and 30-day averages, the last 30 days of seizures, the day&apos;s incidents and the posts&apos; status. Days are the posts&apos; local days.</source>
        <translation>PDF для руководства: показатели за день в сравнении со средними за 7 и 30 дней, изъятия за последние 30 дней, инциденты за день и статус ОПВ. Дни считаются по местному времени ОПВ.</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="171"/>
        <source>&amp;Day:</source>
        <translation>&amp;День:</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="172"/>
        <source>&amp;File:</source>
        <translation>&amp;Файл:</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="177"/>
        <source>Export</source>
        <translation>Выгрузить</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="201"/>
        <source>Save the daily brief</source>
        <translation>Сохранить ежедневную сводку</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="202"/>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>BriefExport</name>
    <message>
        <location filename="../brief/brief_export.py" line="72"/>
        <source>Export daily &amp;brief…</source>
        <translation>Выгрузить ежедневную &amp;сводку…</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="74"/>
        <source>Write the day&apos;s brief for management as a PDF file.</source>
        <translation>Сохранить сводку за день для руководства в файл PDF.</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="100"/>
        <source>Writing the daily brief for {0}…</source>
        <translation>Создание ежедневной сводки за {0}…</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="108"/>
        <source>Daily brief for {0} saved to {1} ({2} pages).</source>
        <translation>Ежедневная сводка за {0} сохранена в {1} (страниц: {2}).</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="118"/>
        <source>The daily brief was not written: {0}</source>
        <translation>Ежедневная сводка не создана: {0}</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="120"/>
        <source>Daily brief not written</source>
        <translation>Ежедневная сводка не создана</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="125"/>
        <source>Replace the file?</source>
        <translation>Заменить файл?</translation>
    </message>
    <message>
        <location filename="../brief/brief_export.py" line="126"/>
        <source>{0} already exists. Replace it with the daily brief?</source>
        <translation>{0} уже существует. Заменить его ежедневной сводкой?</translation>
    </message>
</context>
<context>
    <name>ChangeStatusDialog</name>
    <message>
        <location filename="../posts/post_status_dialog.py" line="41"/>
        <source>Change status — {0}</source>
        <translation>Смена статуса — {0}</translation>
    </message>
    <message>
        <location filename="../posts/post_status_dialog.py" line="55"/>
        <source>Why: e.g. power cut, scanner under repair, road closed by snow</source>
        <translation>Причина: например, нет электричества, сканер в ремонте, дорогу закрыло снегом</translation>
    </message>
    <message>
        <location filename="../posts/post_status_dialog.py" line="62"/>
        <source>{0} since {1}</source>
        <translation>{0}, с {1}</translation>
    </message>
    <message>
        <location filename="../posts/post_status_dialog.py" line="65"/>
        <source>Now:</source>
        <translation>Сейчас:</translation>
    </message>
    <message>
        <location filename="../posts/post_status_dialog.py" line="66"/>
        <source>New status:</source>
        <translation>Новый статус:</translation>
    </message>
    <message>
        <location filename="../posts/post_status_dialog.py" line="67"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location filename="../posts/post_status_dialog.py" line="69"/>
        <source>Change status</source>
        <translation>Сменить статус</translation>
    </message>
    <message>
        <location filename="../posts/post_status_dialog.py" line="72"/>
        <source>The change and its reason are kept in the post&apos;s status history, with your name.</source>
        <translation>Изменение и его причина сохраняются в истории статусов ОПВ вместе с вашим именем.</translation>
    </message>
    <message>
        <location filename="../posts/post_status_dialog.py" line="76"/>
        <source>{0} crossing, {1} border</source>
        <translation>КПП {0}, граница {1}</translation>
    </message>
    <message>
        <location filename="../posts/post_status_dialog.py" line="106"/>
        <source>Not saved: {0}</source>
        <translation>Не сохранено: {0}</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../audit/history_dialog.py" line="34"/>
        <source>History of {0} {1}</source>
        <translation>История: {0} {1}</translation>
    </message>
    <message>
        <location filename="../audit/history_dialog.py" line="36"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message numerus="yes">
        <location filename="../audit/history_dialog.py" line="61"/>
        <source>%n entries, oldest first.</source>
        <translation>
            <numerusform>%n запись, сначала старые.</numerusform>
            <numerusform>%n записи, сначала старые.</numerusform>
            <numerusform>%n записей, сначала старые.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../posts/map_view.py" line="141"/>
        <source>Outlines: Natural Earth 1:110m (public domain), simplified; positions approximate</source>
        <translation>Контуры: Natural Earth 1:110m (общественное достояние), упрощены; положение приблизительное</translation>
    </message>
    <message>
        <location filename="../posts/map_view.py" line="143"/>
        <source>Posts</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../posts/map_view.py" line="144"/>
        <source>Whole region</source>
        <translation>Весь регион</translation>
    </message>
    <message>
        <location filename="../posts/map_view.py" line="147"/>
        <source>Loading posts…</source>
        <translation>Загрузка ОПВ…</translation>
    </message>
    <message>
        <location filename="../posts/map_view.py" line="151"/>
        <source>Show:</source>
        <translation>Показать:</translation>
    </message>
    <message>
        <location filename="../posts/map_view.py" line="250"/>
        <source>Border liaison offices</source>
        <translation>Офисы пограничного взаимодействия</translation>
    </message>
    <message>
        <location filename="../posts/map_view.py" line="251"/>
        <source>Size: kg-equivalent of drugs seized in 30 days (precursors not counted)</source>
        <translation>Размер: изъято наркотиков за 30 дней, в пересчёте на кг (без прекурсоров)</translation>
    </message>
    <message>
        <location filename="../posts/map_view.py" line="252"/>
        <source>Ring: no report for 24 h (amber, dashed) or 72 h (red, solid)</source>
        <translation>Кольцо: нет сообщений 24 ч (жёлтое, пунктир) или 72 ч (красное, сплошное)</translation>
    </message>
    <message>
        <location filename="../posts/map_view.py" line="253"/>
        <source>Capital city</source>
        <translation>Столица</translation>
    </message>
    <message>
        <location filename="../posts/map_view.py" line="341"/>
        <source>{0} posts, {1} need attention. Hover a marker for its figures; click to show its incidents; double-click for its detail.</source>
        <translation>ОПВ: {0}, требуют внимания: {1}. Наведите на метку, чтобы увидеть показатели; щелчок — инциденты ОПВ; двойной щелчок — сведения об ОПВ.</translation>
    </message>
</context>
<context>
    <name>PostCardWidget</name>
    <message>
        <location filename="../posts/post_card.py" line="198"/>
        <source>{0}  ·  {1} border</source>
        <translation>{0}  ·  граница {1}</translation>
    </message>
    <message>
        <location filename="../posts/post_card.py" line="202"/>
        <source>{0} (since {1})</source>
        <translation>{0} (с {1})</translation>
    </message>
    <message>
        <location filename="../posts/post_card.py" line="202"/>
        <source>Since {0}</source>
        <translation>С {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../posts/post_card.py" line="209"/>
        <source>%n alert(s) waiting</source>
        <translation>
            <numerusform>%n оповещение ожидает</numerusform>
            <numerusform>%n оповещения ожидают</numerusform>
            <numerusform>%n оповещений ожидают</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../posts/post_card.py" line="214"/>
        <source>Incidents</source>
        <translation>Инциденты</translation>
    </message>
    <message>
        <location filename="../posts/post_card.py" line="214"/>
        <source>in 24 h</source>
        <translation>за 24 ч</translation>
    </message>
    <message>
        <location filename="../posts/post_card.py" line="215"/>
        <source>in 7 d</source>
        <translation>за 7 д</translation>
    </message>
    <message>
        <location filename="../posts/post_card.py" line="216"/>
        <source>Drugs</source>
        <translation>Наркотики</translation>
    </message>
    <message>
        <location filename="../posts/post_card.py" line="227"/>
        <source>Precursors</source>
        <translation>Прекурсоры</translation>
    </message>
    <message>
        <location filename="../posts/post_card.py" line="216"/>
        <location filename="../posts/post_card.py" line="227"/>
        <source>in 30 d</source>
        <translation>за 30 д</translation>
    </message>
</context>
<context>
    <name>PostDetailDialog</name>
    <message>
        <location filename="../posts/post_detail.py" line="60"/>
        <source>Post detail</source>
        <translation>Сведения об ОПВ</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="61"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="72"/>
        <source>Changed (local)</source>
        <translation>Изменено (местное)</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="72"/>
        <location filename="../posts/post_detail.py" line="76"/>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="72"/>
        <location filename="../posts/post_detail.py" line="76"/>
        <source>To</source>
        <translation>На</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="72"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="73"/>
        <source>By</source>
        <translation>Кем</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="74"/>
        <source>Occurred (local)</source>
        <translation>Время инцидента (местное)</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="74"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="74"/>
        <source>Substances</source>
        <translation>Вещества</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="75"/>
        <source>kg-equivalent</source>
        <translation>В пересчёте на кг</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="75"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="76"/>
        <source>Acknowledged</source>
        <translation>Получено</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="76"/>
        <source>Waiting</source>
        <translation>Ожидают</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="77"/>
        <source>Median</source>
        <translation>Медиана</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="77"/>
        <source>Average</source>
        <translation>Среднее</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="77"/>
        <source>Longest</source>
        <translation>Максимум</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="81"/>
        <source>Record</source>
        <translation>Сведения</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="82"/>
        <source>Status history</source>
        <translation>История статусов</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="83"/>
        <source>Recent incidents</source>
        <translation>Последние инциденты</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="84"/>
        <source>Alert response times</source>
        <translation>Время реакции на оповещения</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="85"/>
        <source>Show its incidents</source>
        <translation>Показать инциденты ОПВ</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="86"/>
        <source>Change status…</source>
        <translation>Сменить статус…</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="87"/>
        <source>Send alert…</source>
        <translation>Отправить оповещение…</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="139"/>
        <source>This post no longer exists.</source>
        <translation>Этого ОПВ больше нет.</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="143"/>
        <source>{0} — post detail</source>
        <translation>{0} — сведения об ОПВ</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="147"/>
        <source>{0} crossing  ·  {1} border  ·  {2} side, counterpart {3}  ·  {4}</source>
        <translation>КПП {0}  ·  граница {1}  ·  сторона {2}, сопредельная сторона {3}  ·  {4}</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="160"/>
        <source>{0} ago ({1})</source>
        <translation>{0} назад ({1})</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="165"/>
        <source>Code:</source>
        <translation>Код:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="166"/>
        <source>Status:</source>
        <translation>Статус:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="166"/>
        <source>{0} since {1}</source>
        <translation>{0}, с {1}</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="168"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="169"/>
        <source>Last report:</source>
        <translation>Последнее сообщение:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="170"/>
        <source>Incidents:</source>
        <translation>Инциденты:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="170"/>
        <source>{0} in 24 h, {1} in 7 days, {2} in all</source>
        <translation>{0} за 24 ч, {1} за 7 дней, всего {2}</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="172"/>
        <source>Drugs seized in 30 days:</source>
        <translation>Изъято наркотиков за 30 дней:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="172"/>
        <source>{0} (kg-equivalent)</source>
        <translation>{0} (в пересчёте)</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="174"/>
        <source>Precursors seized in 30 days:</source>
        <translation>Изъято прекурсоров за 30 дней:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="174"/>
        <source>{0} (counted apart from the drugs)</source>
        <translation>{0} (учитываются отдельно от наркотиков)</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="176"/>
        <source>Alerts waiting:</source>
        <translation>Ожидающих оповещений:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="177"/>
        <source>Exchange:</source>
        <translation>Обмен:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="180"/>
        <source>Coordinates:</source>
        <translation>Координаты:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="181"/>
        <source>Staff:</source>
        <translation>Персонал:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="182"/>
        <source>Equipment:</source>
        <translation>Оборудование:</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="193"/>
        <source>No status change recorded yet.</source>
        <translation>Смен статуса пока не было.</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="200"/>
        <source>No incidents recorded at this post.</source>
        <translation>На этом ОПВ инцидентов не зарегистрировано.</translation>
    </message>
    <message>
        <location filename="../posts/post_detail.py" line="212"/>
        <source>No alerts sent or received yet.</source>
        <translation>Оповещений пока не отправлялось и не поступало.</translation>
    </message>
</context>
<context>
    <name>PostStatusPanel</name>
    <message>
        <location filename="../posts/post_panel.py" line="61"/>
        <source>Loading posts…</source>
        <translation>Загрузка ОПВ…</translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="64"/>
        <source>Most attention first</source>
        <translation>Сначала требующие внимания</translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="64"/>
        <source>By border</source>
        <translation>По границам</translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="65"/>
        <source>By country</source>
        <translation>По странам</translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="143"/>
        <location filename="../posts/post_panel.py" line="187"/>
        <source>{0} posts</source>
        <translation>ОПВ: {0}</translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="146"/>
        <source>{0} critical</source>
        <translation>критично: {0}</translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="149"/>
        <source>{0} warning</source>
        <translation>внимание: {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../posts/post_panel.py" line="152"/>
        <source>%n alert(s) to all posts waiting</source>
        <translation>
            <numerusform>%n оповещение всем ОПВ ожидает</numerusform>
            <numerusform>%n оповещения всем ОПВ ожидают</numerusform>
            <numerusform>%n оповещений всем ОПВ ожидают</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="154"/>
        <source>Amber after {0:g} h without a report, red after {1:g} h.</source>
        <translation>Жёлтый — после {0:g} ч без сообщений, красный — после {1:g} ч.</translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="222"/>
        <source>Show its incidents</source>
        <translation>Показать инциденты ОПВ</translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="223"/>
        <source>Details…</source>
        <translation>Подробнее…</translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="225"/>
        <source>Change status…</source>
        <translation>Сменить статус…</translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="226"/>
        <source>Send alert…</source>
        <translation>Отправить оповещение…</translation>
    </message>
    <message>
        <location filename="../posts/post_panel.py" line="253"/>
        <source>{0} is now {1}.</source>
        <translation>{0}: теперь {1}.</translation>
    </message>
</context>
<context>
    <name>PostViews</name>
    <message>
        <location filename="../posts/post_views.py" line="33"/>
        <source>Incidents</source>
        <translation>Инциденты</translation>
    </message>
    <message>
        <location filename="../posts/post_views.py" line="34"/>
        <source>Map</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location filename="../posts/post_views.py" line="35"/>
        <location filename="../posts/post_views.py" line="48"/>
        <source>Alerts</source>
        <translation>Оповещения</translation>
    </message>
    <message>
        <location filename="../posts/post_views.py" line="48"/>
        <source>Alerts ({0} waiting)</source>
        <translation>Оповещения (ожидают: {0})</translation>
    </message>
</context>
<context>
    <name>SendAlertDialog</name>
    <message>
        <location filename="../posts/alerts_dialog.py" line="41"/>
        <source>Send an alert</source>
        <translation>Отправить оповещение</translation>
    </message>
    <message>
        <location filename="../posts/alerts_dialog.py" line="54"/>
        <source>What the receiver should know or do: vehicle, plates, direction, time window…</source>
        <translation>Что получателю нужно знать или сделать: транспортное средство, госномер, направление, время…</translation>
    </message>
    <message>
        <location filename="../posts/alerts_dialog.py" line="62"/>
        <source>From:</source>
        <translation>Отправитель:</translation>
    </message>
    <message>
        <location filename="../posts/alerts_dialog.py" line="63"/>
        <source>To:</source>
        <translation>Получатель:</translation>
    </message>
    <message>
        <location filename="../posts/alerts_dialog.py" line="64"/>
        <source>Priority:</source>
        <translation>Приоритет:</translation>
    </message>
    <message>
        <location filename="../posts/alerts_dialog.py" line="65"/>
        <source>Message:</source>
        <translation>Сообщение:</translation>
    </message>
    <message>
        <location filename="../posts/alerts_dialog.py" line="66"/>
        <source>Related incident:</source>
        <translation>Связанный инцидент:</translation>
    </message>
    <message>
        <location filename="../posts/alerts_dialog.py" line="68"/>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <location filename="../posts/alerts_dialog.py" line="93"/>
        <source>{0} — across the {1} border</source>
        <translation>{0} — ОПВ сопредельной стороны ({1})</translation>
    </message>
    <message>
        <location filename="../posts/alerts_dialog.py" line="105"/>
        <source>{0} is now the sender and cannot alert itself. Choose who receives the alert.</source>
        <translation>{0} теперь отправитель и не может оповещать сам себя. Выберите получателя оповещения.</translation>
    </message>
    <message>
        <location filename="../posts/alerts_dialog.py" line="126"/>
        <source>Choose who receives the alert.</source>
        <translation>Выберите получателя оповещения.</translation>
    </message>
    <message>
        <location filename="../posts/alerts_dialog.py" line="143"/>
        <source>Not sent: {0}</source>
        <translation>Не отправлено: {0}</translation>
    </message>
</context>
<context>
    <name>Sparkline</name>
    <message>
        <location filename="../posts/post_card.py" line="101"/>
        <source>Drugs, kg-equivalent per day, last {0} days (highest: {1})</source>
        <translation>Наркотики, кг в пересчёте за сутки, последние {0} дн. (максимум: {1})</translation>
    </message>
</context>
</TS>
