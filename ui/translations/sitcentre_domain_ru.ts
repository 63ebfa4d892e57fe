<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="62"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="62"/>
        <source>Post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="62"/>
        <source>Occurred at</source>
        <translation>Время инцидента</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="62"/>
        <source>Reported at</source>
        <translation>Время сообщения</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="63"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="63"/>
        <source>Direction</source>
        <translation>Направление</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="63"/>
        <source>Transport</source>
        <translation>Транспорт</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="64"/>
        <location filename="../../sitcentre/domain/validation.py" line="48"/>
        <source>Concealment</source>
        <translation>Способ сокрытия</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="64"/>
        <source>Departure</source>
        <translation>Страна отправления</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="64"/>
        <source>Transit</source>
        <translation>Страны транзита</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="65"/>
        <source>Destination</source>
        <translation>Страна назначения</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="65"/>
        <source>Persons detained</source>
        <translation>Задержано лиц</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="66"/>
        <location filename="../../sitcentre/domain/validation.py" line="49"/>
        <source>Nationalities</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="66"/>
        <location filename="../../sitcentre/domain/validation.py" line="49"/>
        <source>Joint operation</source>
        <translation>Совместная операция</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="67"/>
        <location filename="../../sitcentre/domain/validation.py" line="50"/>
        <source>Narrative</source>
        <translation>Фабула</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="67"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="67"/>
        <source>Rejection reason</source>
        <translation>Причина отклонения</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="68"/>
        <source>Recorded by</source>
        <translation>Кем внесено</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="68"/>
        <source>Reviewed by</source>
        <translation>Кем проверено</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="68"/>
        <source>Reviewed at</source>
        <translation>Время проверки</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="69"/>
        <source>Duplicate of</source>
        <translation>Дубликат инцидента</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="69"/>
        <source>Moved from</source>
        <translation>Перенесено из</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="69"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="69"/>
        <source>From</source>
        <translation>От</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="70"/>
        <source>To</source>
        <translation>Кому</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="70"/>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="70"/>
        <source>Incident</source>
        <translation>Инцидент</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="70"/>
        <source>Acknowledged by</source>
        <translation>Кем подтверждено получение</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="71"/>
        <source>Acknowledged at</source>
        <translation>Время подтверждения получения</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="71"/>
        <source>User name</source>
        <translation>Имя пользователя</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="71"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="72"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="72"/>
        <source>Disabled</source>
        <translation>Отключена</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="72"/>
        <source>Failed sign-ins</source>
        <translation>Неудачных входов</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="73"/>
        <source>Locked until</source>
        <translation>Заблокирована до</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="73"/>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="73"/>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="73"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="78"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="78"/>
        <source>reported</source>
        <translation>зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="78"/>
        <source>verified</source>
        <translation>подтверждено</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="78"/>
        <source>rejected</source>
        <translation>отклонено</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="79"/>
        <source>duplicate</source>
        <translation>дубликат</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="79"/>
        <source>drug seizure</source>
        <translation>изъятие наркотиков</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="79"/>
        <source>precursor seizure</source>
        <translation>изъятие прекурсоров</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="80"/>
        <source>weapons</source>
        <translation>оружие</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="80"/>
        <source>smuggled goods</source>
        <translation>контрабандные товары</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="80"/>
        <source>human trafficking</source>
        <translation>торговля людьми</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="81"/>
        <source>other</source>
        <translation>другое</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="81"/>
        <source>entering the country</source>
        <translation>въезд в страну</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="81"/>
        <source>leaving the country</source>
        <translation>выезд из страны</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="82"/>
        <source>vehicle</source>
        <translation>легковой автомобиль</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="82"/>
        <source>truck / cargo</source>
        <translation>грузовой автомобиль</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="82"/>
        <source>rail</source>
        <translation>железная дорога</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="82"/>
        <source>pedestrian</source>
        <translation>пешеход</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="83"/>
        <source>air</source>
        <translation>воздушный транспорт</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="83"/>
        <source>mail</source>
        <translation>почтовое отправление</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="83"/>
        <source>operational</source>
        <translation>работает</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="83"/>
        <source>limited</source>
        <translation>работает с ограничениями</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="84"/>
        <source>offline</source>
        <translation>нет связи</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="84"/>
        <source>operator</source>
        <translation>оператор</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="84"/>
        <source>supervisor</source>
        <translation>старший смены</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="85"/>
        <source>administrator</source>
        <translation>администратор</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="85"/>
        <source>low</source>
        <translation>низкий</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="85"/>
        <source>normal</source>
        <translation>обычный</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="85"/>
        <source>high</source>
        <translation>высокий</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="86"/>
        <source>urgent</source>
        <translation>срочный</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="86"/>
        <source>estimated</source>
        <translation>оценочно</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="86"/>
        <source>weighed</source>
        <translation>взвешено</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="87"/>
        <source>laboratory confirmed</source>
        <translation>подтверждено экспертизой</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="87"/>
        <source>wrong password</source>
        <translation>неверный пароль</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="88"/>
        <source>no password set</source>
        <translation>пароль не задан</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="88"/>
        <source>account locked</source>
        <translation>учётная запись заблокирована</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="88"/>
        <source>changed</source>
        <translation>изменён</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="90"/>
        <location filename="../../sitcentre/domain/validation.py" line="62"/>
        <source>kg</source>
        <translation>кг</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="90"/>
        <location filename="../../sitcentre/domain/validation.py" line="62"/>
        <source>g</source>
        <translation>г</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="90"/>
        <source>l</source>
        <translation>л</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="90"/>
        <location filename="../../sitcentre/domain/validation.py" line="62"/>
        <source>tablets</source>
        <translation>шт.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="104"/>
        <source>the system</source>
        <translation>система</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="107"/>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="124"/>
        <source>{0} {1} time ({2})</source>
        <translation>{0} по местному времени ({1}, {2})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="130"/>
        <source>{0} centre time ({1})</source>
        <translation>{0} по времени центра ({1})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="135"/>
        <source>by {0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="144"/>
        <source>the situation centre</source>
        <translation>ситуационный центр</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="146"/>
        <source>all posts</source>
        <translation>все ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="148"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="151"/>
        <source>post #{0}</source>
        <translation>ОПВ №{0}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="153"/>
        <source>user #{0}</source>
        <translation>пользователь №{0}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="157"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="157"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="169"/>
        <source>incident {0}</source>
        <translation>инцидент {0}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="205"/>
        <source>substance #{0}</source>
        <translation>вещество №{0}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="230"/>
        <source>Removed:</source>
        <translation>Удалено:</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="241"/>
        <source>Seizure line added: {0}</source>
        <translation>Добавлена позиция изъятия: {0}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="245"/>
        <source>Substance {0} {1} {2}</source>
        <translation>Вещество: {0} {1} {2}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="248"/>
        <source>Quantity of {0} {1} {2} {3}</source>
        <translation>Количество ({0}): {1} {2} {3}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="251"/>
        <source>How the amount of {0} is known: {1} {2} {3}</source>
        <translation>Способ определения количества ({0}): {1} {2} {3}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="256"/>
        <source>Seizure line removed: {0}</source>
        <translation>Удалена позиция изъятия: {0}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="261"/>
        <source>{0} {1} {2} {3}</source>
        <translation>{0}: {1} {2} {3}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="266"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="269"/>
        <source>Seizure line: {0}</source>
        <translation>Позиция изъятия: {0}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/conversion.py" line="43"/>
        <source>This substance has no mass per tablet, so tablets cannot be converted to kg.</source>
        <translation>Для этого вещества не указана масса одной таблетки, поэтому таблетки нельзя пересчитать в кг.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="72"/>
        <source>record incidents</source>
        <translation>регистрировать инциденты</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="73"/>
        <source>edit incidents</source>
        <translation>изменять инциденты</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="74"/>
        <source>delete incidents</source>
        <translation>удалять инциденты</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="75"/>
        <source>verify or reject incidents</source>
        <translation>подтверждать или отклонять инциденты</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="76"/>
        <source>link duplicate incidents</source>
        <translation>связывать дубликаты инцидентов</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="77"/>
        <source>change a post&apos;s operational status</source>
        <translation>менять рабочее состояние ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="78"/>
        <source>add or edit posts</source>
        <translation>добавлять или изменять ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="79"/>
        <source>import data bundles</source>
        <translation>загружать пакеты данных</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="80"/>
        <source>export data bundles</source>
        <translation>выгружать пакеты данных</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="81"/>
        <source>resolve exchange conflicts</source>
        <translation>разрешать конфликты версий при обмене</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="82"/>
        <source>trust or revoke the signing keys of other installations</source>
        <translation>доверять ключам подписи других установок или отзывать их</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="83"/>
        <source>send alerts</source>
        <translation>отправлять оповещения</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="84"/>
        <source>acknowledge alerts</source>
        <translation>подтверждать получение оповещений</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="85"/>
        <source>export the daily brief</source>
        <translation>выгружать ежедневную сводку</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="86"/>
        <source>manage user accounts</source>
        <translation>управлять учётными записями</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="87"/>
        <source>view the audit trail</source>
        <translation>просматривать журнал аудита</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="88"/>
        <source>import incident logs from spreadsheets</source>
        <translation>загружать журналы инцидентов из электронных таблиц</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="89"/>
        <source>import published statistics</source>
        <translation>загружать опубликованную статистику</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="90"/>
        <source>change the installation&apos;s settings</source>
        <translation>менять настройки установки</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="92"/>
        <source>Operators</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="92"/>
        <source>Supervisors</source>
        <translation>Старшие смены</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="92"/>
        <source>Administrators</source>
        <translation>Администраторы</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="93"/>
        <source>an operator</source>
        <translation>оператору</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="93"/>
        <source>a supervisor</source>
        <translation>старшему смены</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="93"/>
        <source>an administrator</source>
        <translation>администратору</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="149"/>
        <source> or </source>
        <translation> или </translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="149"/>
        <source>nobody</source>
        <translation>никому</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="150"/>
        <source>Accounts without a role</source>
        <translation>Учётные записи без роли</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="151"/>
        <source>{who} cannot {what}: ask {asked}.</source>
        <translation>{who} не могут {what}: обратитесь к {asked}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="154"/>
        <source>Your account is not assigned to a post, so you cannot {what}: ask an administrator.</source>
        <translation>Ваша учётная запись не привязана к ОПВ, поэтому вы не можете {what}: обратитесь к администратору.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/permissions.py" line="157"/>
        <source>You can {what} of your own post only.</source>
        <translation>Вы можете {what} только своего ОПВ.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="48"/>
        <source>Transit countries</source>
        <translation>Страны транзита</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="51"/>
        <source>Departure country</source>
        <translation>Страна отправления</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="51"/>
        <source>Destination country</source>
        <translation>Страна назначения</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="58"/>
        <source>Choose the type of incident from the list.</source>
        <translation>Выберите тип инцидента из списка.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="59"/>
        <source>Choose the direction from the list.</source>
        <translation>Выберите направление из списка.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="60"/>
        <source>Choose the means of transport from the list.</source>
        <translation>Выберите вид транспорта из списка.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="62"/>
        <source>litres</source>
        <translation>л</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="65"/>
        <source>Enter when the incident happened as a date and time.</source>
        <translation>Укажите дату и время инцидента.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="66"/>
        <source>The time of the incident was given without a time zone. Enter it again in the post&apos;s local time.</source>
        <translation>Время инцидента указано без часового пояса. Введите его снова по местному времени ОПВ.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="68"/>
        <source>The time of the incident is before 1970. Check the date.</source>
        <translation>Время инцидента раньше 1970 года. Проверьте дату.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="69"/>
        <source>The time of the incident is in the future. Check the date and time.</source>
        <translation>Время инцидента в будущем. Проверьте дату и время.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="70"/>
        <source>Enter when the incident was reported as a date and time.</source>
        <translation>Укажите дату и время сообщения об инциденте.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="71"/>
        <source>The report time was given without a time zone. Enter it again in the post&apos;s local time.</source>
        <translation>Время сообщения указано без часового пояса. Введите его снова по местному времени ОПВ.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="72"/>
        <source>The report time is before 1970. Check the date.</source>
        <translation>Время сообщения раньше 1970 года. Проверьте дату.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="73"/>
        <source>The report time is in the future. Check the date and time.</source>
        <translation>Время сообщения в будущем. Проверьте дату и время.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="113"/>
        <source>Choose the post that reported the incident.</source>
        <translation>Выберите ОПВ, сообщивший об инциденте.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="121"/>
        <source>Choose a status from the list.</source>
        <translation>Выберите статус из списка.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="224"/>
        <source>Enter the number of persons detained (0 if none).</source>
        <translation>Укажите число задержанных лиц (0, если задержанных нет).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="226"/>
        <source>Persons detained must be a whole number.</source>
        <translation>Число задержанных лиц должно быть целым.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="228"/>
        <source>Persons detained cannot be negative.</source>
        <translation>Число задержанных лиц не может быть отрицательным.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="230"/>
        <source>Persons detained cannot be more than {limit}.</source>
        <translation>Число задержанных лиц не может быть больше {limit}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="242"/>
        <source>{label}: enter a two-letter country code (e.g. AF), or leave it empty.</source>
        <translation>{label}: введите двухбуквенный код страны (например, AF) или оставьте поле пустым.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="247"/>
        <source>{label} must be text; leave it empty if there is nothing to enter.</source>
        <translation>{label}: нужен текст; оставьте поле пустым, если вводить нечего.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="250"/>
        <source>{label} is too long: at most {limit} characters ({entered} entered).</source>
        <translation>{label}: слишком длинный текст — не более {limit} символов (введено {entered}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="254"/>
        <source>{label} contains a character that cannot be stored (a control character such as NUL). Remove it.</source>
        <translation>{label}: содержит символ, который нельзя сохранить (управляющий символ, например NUL). Удалите его.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="261"/>
        <source>Enter when the incident happened.</source>
        <translation>Укажите, когда произошёл инцидент.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="269"/>
        <source>The incident cannot be reported before it happened.</source>
        <translation>Сообщение об инциденте не может быть раньше самого инцидента.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="294"/>
        <source>The seizure lines could not be read. Enter them again.</source>
        <translation>Не удалось прочитать позиции изъятия. Введите их снова.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="298"/>
        <source>A seizure needs at least one seizure line (substance and quantity).</source>
        <translation>Для изъятия нужна хотя бы одна позиция изъятия (вещество и количество).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="306"/>
        <source>Seizure line {n}</source>
        <translation>Позиция изъятия {n}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="311"/>
        <source>{label}: enter the quantity as a number above zero.</source>
        <translation>{label}: введите количество — число больше нуля.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="314"/>
        <source>{label}: the quantity must be above zero.</source>
        <translation>{label}: количество должно быть больше нуля.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="317"/>
        <source>{label}: the quantity cannot be more than {limit} {unit} on one line.</source>
        <translation>{label}: количество в одной позиции не может быть больше {limit} {unit}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="325"/>
        <source>{label}: choose a substance from the list.</source>
        <translation>{label}: выберите вещество из списка.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="328"/>
        <source>{label}: choose a unit from the list.</source>
        <translation>{label}: выберите единицу измерения из списка.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="332"/>
        <source>{label}: {substance} cannot be recorded in &apos;{unit}&apos;. Use one of: {units}.</source>
        <translation>{label}: {substance} нельзя записать в «{unit}». Используйте одну из единиц: {units}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="340"/>
        <source>{label}: choose from the list how the amount is known.</source>
        <translation>{label}: выберите из списка, как определено количество.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="365"/>
        <source>{label}: a mass per tablet applies to tablets only; clear it or record the line in tablets.</source>
        <translation>{label}: масса одной таблетки указывается только для таблеток; очистите поле или запишите позицию в таблетках.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="368"/>
        <source>{label}: the mass per tablet must be a number from {low} to {high} mg.</source>
        <translation>{label}: масса одной таблетки должна быть числом от {low} до {high} мг.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/validation.py" line="386"/>
        <source>{label}: that is {kg} kg-equivalent; one line cannot hold more than {limit} kg.</source>
        <translation>{label}: это {kg} кг в пересчёте; одна позиция не может превышать {limit} кг.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/accounts.py" line="9"/>
        <source>Sign-in refused: the user name or password is not right, or the account is locked or disabled. Try again, or ask an administrator.</source>
        <translation>Вход не выполнен: неверное имя пользователя или пароль, либо учётная запись заблокирована или отключена. Попробуйте ещё раз или обратитесь к администратору.</translation>
    </message>
</context>
</TS>
