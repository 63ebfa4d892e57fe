<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="277"/>
        <source>Incidents</source>
        <translation>Инциденты</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="277"/>
        <source>Drugs seized, kg-equivalent</source>
        <translation>Изъято наркотиков, в пересчёте на кг</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="278"/>
        <source>Precursors seized, kg</source>
        <translation>Изъято прекурсоров, кг</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="278"/>
        <source>Persons detained</source>
        <translation>Задержано лиц</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="280"/>
        <source>Drug seizure</source>
        <translation>Изъятие наркотиков</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="280"/>
        <source>Precursor seizure</source>
        <translation>Изъятие прекурсоров</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="280"/>
        <source>Weapons</source>
        <translation>Оружие</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="281"/>
        <source>Smuggled goods</source>
        <translation>Контрабандные товары</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="281"/>
        <source>Human trafficking</source>
        <translation>Торговля людьми</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="281"/>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="282"/>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="282"/>
        <source>Reported</source>
        <translation>Зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="282"/>
        <source>Verified</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="282"/>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="283"/>
        <source>Operational</source>
        <translation>Работает</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="283"/>
        <source>Limited</source>
        <translation>Работает с ограничениями</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="283"/>
        <source>Offline</source>
        <translation>Нет связи</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="284"/>
        <source>Estimated</source>
        <translation>Оценочно</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="284"/>
        <source>Weighed</source>
        <translation>Взвешено</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="284"/>
        <source>Counted</source>
        <translation>Подсчитано</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="285"/>
        <source>Lab confirmed</source>
        <translation>Подтверждено лабораторией</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="286"/>
        <source>Opiates</source>
        <translation>Опиаты</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="286"/>
        <source>Cannabis</source>
        <translation>Каннабис</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="286"/>
        <source>Amphetamine-type stimulants</source>
        <translation>Стимуляторы амфетаминового ряда</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="287"/>
        <source>Cocaine</source>
        <translation>Кокаин</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="287"/>
        <source>New psychoactive substances</source>
        <translation>Новые психоактивные вещества</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="287"/>
        <source>Pharmaceuticals</source>
        <translation>Фармпрепараты</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="288"/>
        <source>Precursors</source>
        <translation>Прекурсоры</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="289"/>
        <location filename="../../sitcentre/services/brief_chart.py" line="49"/>
        <source>kg</source>
        <translation>кг</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="289"/>
        <source>g</source>
        <translation>г</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="289"/>
        <source>l</source>
        <translation>л</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="289"/>
        <source>tablets</source>
        <translation>шт.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="291"/>
        <source>January</source>
        <translation>января</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="291"/>
        <source>February</source>
        <translation>февраля</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="291"/>
        <source>March</source>
        <translation>марта</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="291"/>
        <source>April</source>
        <translation>апреля</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="291"/>
        <location filename="../../sitcentre/services/brief.py" line="293"/>
        <source>May</source>
        <translation>мая</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="291"/>
        <source>June</source>
        <translation>июня</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="291"/>
        <source>July</source>
        <translation>июля</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="292"/>
        <source>August</source>
        <translation>августа</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="292"/>
        <source>September</source>
        <translation>сентября</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="292"/>
        <source>October</source>
        <translation>октября</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="292"/>
        <source>November</source>
        <translation>ноября</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="292"/>
        <source>December</source>
        <translation>декабря</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="293"/>
        <source>Jan</source>
        <translation>янв</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="293"/>
        <source>Feb</source>
        <translation>фев</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="293"/>
        <source>Mar</source>
        <translation>мар</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="293"/>
        <source>Apr</source>
        <translation>апр</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="293"/>
        <source>Jun</source>
        <translation>июн</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="293"/>
        <source>Jul</source>
        <translation>июл</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="294"/>
        <source>Aug</source>
        <translation>авг</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="294"/>
        <source>Sep</source>
        <translation>сен</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="294"/>
        <source>Oct</source>
        <translation>окт</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="294"/>
        <source>Nov</source>
        <translation>ноя</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="294"/>
        <source>Dec</source>
        <translation>дек</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="295"/>
        <source>Monday</source>
        <translation>понедельник</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="295"/>
        <source>Tuesday</source>
        <translation>вторник</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="295"/>
        <source>Wednesday</source>
        <translation>среда</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="295"/>
        <source>Thursday</source>
        <translation>четверг</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="295"/>
        <source>Friday</source>
        <translation>пятница</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="295"/>
        <source>Saturday</source>
        <translation>суббота</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="296"/>
        <source>Sunday</source>
        <translation>воскресенье</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="308"/>
        <source>{day} {month}</source>
        <translation>{day} {month}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="309"/>
        <source>{day} {month} {year}</source>
        <translation>{day} {month} {year} г.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief.py" line="310"/>
        <source>{weekday} {date}</source>
        <translation>{weekday}, {date}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_chart.py" line="52"/>
        <source>No seizures in these 30 days</source>
        <translation>Изъятий за эти 30 дней нет</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_chart.py" line="64"/>
        <source>{group}: {kg} kg</source>
        <translation>{group}: {kg} кг</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_chart.py" line="66"/>
        <source>Total: {kg} kg in 30 days</source>
        <translation>Всего: {kg} кг за 30 дней</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="43"/>
        <source>Daily brief {day}</source>
        <translation>Ежедневная сводка {day}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="46"/>
        <source>Drug-control incidents and seizures reported by the border posts</source>
        <translation>Инциденты и изъятия по линии контроля над наркотиками, о которых сообщили пограничные посты</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="48"/>
        <source>Daily brief: {day}</source>
        <translation>Ежедневная сводка: {day}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="49"/>
        <source>Incidents and seizures reported by the border liaison offices, by the posts&apos; local day. Generated {time} ({zone}).</source>
        <translation>Инциденты и изъятия, о которых сообщили офисы пограничного взаимодействия, по местным суткам ОПВ. Сформировано {time} ({zone}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="56"/>
        <source>Drug seizures, {first} to {last}</source>
        <translation>Изъятия наркотиков с {first} по {last}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="58"/>
        <source>Drugs, kg-equivalent per local day, stacked by substance group; the brief&apos;s day is the last bar. Precursor chemicals are counted apart (headline above).</source>
        <translation>Наркотики в пересчёте на кг по местным суткам, по группам веществ; последний столбец — день сводки. Прекурсоры учитываются отдельно (см. строку выше).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="61"/>
        <source>Incidents on {day}</source>
        <translation>Инциденты за {day}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="64"/>
        <source>Largest seizures, {first} to {last}</source>
        <translation>Крупнейшие изъятия с {first} по {last}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="66"/>
        <source>The 10 largest seizure lines of the 30 days by kg-equivalent (verified incidents only).</source>
        <translation>10 крупнейших позиций изъятия за 30 дней в пересчёте на кг (только подтверждённые инциденты).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="67"/>
        <source>The 10 largest seizure lines of the 30 days by kg-equivalent.</source>
        <translation>10 крупнейших позиций изъятия за 30 дней в пересчёте на кг.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="69"/>
        <source>Post status</source>
        <translation>Состояние ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="70"/>
        <source>Status and last report as they were at {time} ({zone}), from the status history; incident counts and kg of drugs up to then. Rejected incidents are not counted.</source>
        <translation>Состояние и последнее сообщение на {time} ({zone}) по истории состояний; число инцидентов и кг наркотиков на тот момент. Отклонённые инциденты не учитываются.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="74"/>
        <source>Posts that did not report on {day}</source>
        <translation>ОПВ без сообщений за {day}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="75"/>
        <source>No incident from these posts has that local day; their status and last report are above.</source>
        <translation>У этих ОПВ нет инцидентов за эти местные сутки; их состояние и последнее сообщение указаны выше.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="85"/>
        <source>VERIFIED ONLY: the numbers, the chart and the largest seizures count verified incidents only.</source>
        <translation>ТОЛЬКО ПОДТВЕРЖДЁННЫЕ: цифры, график и крупнейшие изъятия учитывают только подтверждённые инциденты.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="87"/>
        <source>Counted: reported and verified incidents. Drafts and rejected incidents are left out.</source>
        <translation>Учтены зарегистрированные и подтверждённые инциденты. Черновики и отклонённые инциденты не учитываются.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="94"/>
        <source>Incidents in conflict, not counted: {count} (two versions are waiting for a supervisor&apos;s choice).</source>
        <translation>Инциденты с конфликтом версий, не учтены: {count} (две версии ждут решения руководителя).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="126"/>
        <source>{count} more not yet verified (left out)</source>
        <translation>ещё {count} не подтверждено (не учтены)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="127"/>
        <source>verified {verified} · not yet verified {unverified}</source>
        <translation>подтверждено {verified} · не подтверждено {unverified}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="136"/>
        <source>{days}-day daily average {average}</source>
        <translation>в среднем за сутки за {days} дн.: {average}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="143"/>
        <source>Precursor chemicals, counted apart from drugs: {day} kg-equivalent on the day; daily average {week} over 7 days, {month} over 30 days.</source>
        <translation>Прекурсоры, учитываемые отдельно от наркотиков: {day} в пересчёте на кг за день; в среднем за сутки {week} за 7 дней, {month} за 30 дней.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="177"/>
        <source>The {shown} largest of {total} incidents by kg-equivalent, by the post&apos;s local time; the incident table in the application lists them all.</source>
        <translation>{shown} крупнейших из {total} инцидентов в пересчёте на кг, по местному времени ОПВ; полный список — в таблице инцидентов приложения.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="180"/>
        <source>Every reported and verified incident of the day, by the post&apos;s local time.</source>
        <translation>Все зарегистрированные и подтверждённые инциденты за день, по местному времени ОПВ.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="185"/>
        <source>No incident was reported for this day.</source>
        <translation>За этот день инцидентов не зарегистрировано.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="189"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="189"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="189"/>
        <location filename="../../sitcentre/services/brief_layout.py" line="199"/>
        <location filename="../../sitcentre/services/brief_layout.py" line="216"/>
        <source>Post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="189"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="189"/>
        <source>Substances</source>
        <translation>Вещества</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="189"/>
        <location filename="../../sitcentre/services/brief_layout.py" line="199"/>
        <source>kg-eq</source>
        <translation>кг (пересч.)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="189"/>
        <location filename="../../sitcentre/services/brief_layout.py" line="200"/>
        <location filename="../../sitcentre/services/brief_layout.py" line="216"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="196"/>
        <source>No seizure in these 30 days.</source>
        <translation>Изъятий за эти 30 дней нет.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="199"/>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="199"/>
        <source>Substance</source>
        <translation>Вещество</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="199"/>
        <source>As recorded</source>
        <translation>Как записано</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="199"/>
        <source>How known</source>
        <translation>Как определено</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="214"/>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="216"/>
        <source>Border</source>
        <translation>Граница</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="216"/>
        <source>Last report (local)</source>
        <translation>Последнее сообщение (местное)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="216"/>
        <source>24 h</source>
        <translation>24 ч</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="216"/>
        <source>7 days</source>
        <translation>7 дней</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="217"/>
        <source>Drugs, kg, 30 days</source>
        <translation>Наркотики, кг, 30 дней</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="223"/>
        <source>Every post reported at least one incident on this day.</source>
        <translation>Каждый ОПВ сообщил хотя бы об одном инциденте за этот день.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="232"/>
        <source>{silent} of {posts} posts:</source>
        <translation>{silent} из {posts} ОПВ:</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="245"/>
        <source>Audit trail: empty</source>
        <translation>Журнал аудита: пуст</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="247"/>
        <source>Audit trail head: row #{row}, hash {hash}</source>
        <translation>Конец журнала аудита: запись № {row}, хеш {hash}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/brief_layout.py" line="252"/>
        <source>Page {page} of {pages}</source>
        <translation>Страница {page} из {pages}</translation>
    </message>
</context>
</TS>
