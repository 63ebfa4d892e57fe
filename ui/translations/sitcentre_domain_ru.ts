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
        <source>Nationalities</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="66"/>
        <source>Joint operation</source>
        <translation>Совместная операция</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="67"/>
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
        <source>kg</source>
        <translation>кг</translation>
    </message>
    <message>
        <location filename="../../sitcentre/domain/audit_text.py" line="90"/>
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
</context>
</TS>
