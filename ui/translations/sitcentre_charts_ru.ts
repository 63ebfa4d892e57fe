<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
    <context>
        <name />
        <message>
            <location filename="../charts/chart_context.py" line="86" />
            <source>weekly average</source>
            <translation>в среднем за неделю</translation>
        </message>
        <message>
            <location filename="../charts/chart_context.py" line="86" />
            <source>monthly average</source>
            <translation>в среднем за месяц</translation>
        </message>
        <message>
            <location filename="../charts/chart_context.py" line="86" />
            <source>daily average</source>
            <translation>в среднем за день</translation>
        </message>
        <message>
            <location filename="../charts/chart_context.py" line="98" />
            <source>National totals as published, {0}</source>
            <translation>Опубликованные национальные данные, {0}</translation>
        </message>
        <message>
            <location filename="../charts/chart_context.py" line="100" />
            <source>({0} of {1} shown)</source>
            <translation>(показано {0} из {1})</translation>
        </message>
        <message>
            <location filename="../charts/chart_context.py" line="112" />
            <source>{0}, {1}: {2} kg ({3})</source>
            <translation>{0}, {1}: {2} кг ({3})</translation>
        </message>
        <message>
            <location filename="../charts/chart_context.py" line="125" />
            <source>National totals as published:</source>
            <translation>Опубликованные национальные данные:</translation>
        </message>
        <message>
            <location filename="../charts/chart_context.py" line="110" />
            <source>{0} kg a week on average</source>
            <translation>в среднем {0} кг в неделю</translation>
        </message>
        <message>
            <location filename="../charts/chart_context.py" line="110" />
            <source>{0} kg a month on average</source>
            <translation>в среднем {0} кг в месяц</translation>
        </message>
        <message>
            <location filename="../charts/chart_context.py" line="111" />
            <source>{0} kg a day on average</source>
            <translation>в среднем {0} кг в день</translation>
        </message>
        <message>
            <location filename="../charts/chart_series.py" line="27" />
            <source>All incidents</source>
            <translation>Все инциденты</translation>
        </message>
        <message>
            <location filename="../charts/chart_series.py" line="27" />
            <source>All drugs</source>
            <translation>Все наркотики</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="23" />
            <source>Opiates</source>
            <translation>Опиаты</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="23" />
            <source>Cannabis</source>
            <translation>Каннабис</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="23" />
            <source>Amphetamines (ATS)</source>
            <translation>Амфетамины (САР)</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="24" />
            <source>Cocaine</source>
            <translation>Кокаин</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="24" />
            <source>New psychoactive (NPS)</source>
            <translation>Новые психоактивные (НПВ)</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="24" />
            <source>Pharmaceuticals</source>
            <translation>Фармпрепараты</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="25" />
            <source>Precursors</source>
            <translation>Прекурсоры</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="29" />
            <source>kg-equivalent</source>
            <translation>кг (пересч.)</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="29" />
            <source>incidents</source>
            <translation>инц.</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="48" />
            <source>new</source>
            <translation>впервые</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="70" />
            <source>Partial period: {0} of its {1} days counted</source>
            <translation>Неполный период: учтено {0} из {1} дн.</translation>
        </message>
        <message>
            <location filename="../charts/chart_words.py" line="71" />
            <source>Partial period: not over yet at every post</source>
            <translation>Неполный период: на некоторых ОПВ ещё не закончился</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="102" />
            <source>{0} (line {1})</source>
            <translation>{0} (позиция {1})</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="104" />
            <source>Date (and time)</source>
            <translation>Дата (и время)</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="104" />
            <source>Time</source>
            <translation>Время</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="104" />
            <source>Post</source>
            <translation>ОПВ</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="105" />
            <source>Substance</source>
            <translation>Вещество</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="105" />
            <source>Quantity</source>
            <translation>Количество</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="105" />
            <source>Unit</source>
            <translation>Ед. изм.</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="106" />
            <source>Mass per tablet (mg)</source>
            <translation>Масса таблетки (мг)</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="106" />
            <source>Incident type</source>
            <translation>Тип инцидента</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="107" />
            <source>Direction</source>
            <translation>Направление</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="107" />
            <source>Transport</source>
            <translation>Транспорт</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="107" />
            <source>Concealment</source>
            <translation>Способ сокрытия</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="108" />
            <source>Route: from (country)</source>
            <translation>Маршрут: страна отправления</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="108" />
            <source>Route: through (countries)</source>
            <translation>Маршрут: страны транзита</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="109" />
            <source>Route: to (country)</source>
            <translation>Маршрут: страна назначения</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="109" />
            <source>Persons detained</source>
            <translation>Задержано лиц</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="110" />
            <source>Detainees' nationalities</source>
            <translation>Гражданство задержанных</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="110" />
            <source>Joint operation</source>
            <translation>Совместная операция</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="111" />
            <source>Narrative</source>
            <translation>Фабула</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="111" />
            <source>Source (publisher)</source>
            <translation>Источник (издатель)</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="111" />
            <source>Country or region</source>
            <translation>Страна или регион</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="112" />
            <source>Period (year or month)</source>
            <translation>Период (год или месяц)</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="112" />
            <source>Year</source>
            <translation>Год</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="112" />
            <source>Month</source>
            <translation>Месяц</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="113" />
            <source>Drug group</source>
            <translation>Группа наркотиков</translation>
        </message>
        <message>
            <location filename="../imports/fields.py" line="113" />
            <source>Category (substance or group)</source>
            <translation>Категория (вещество или группа)</translation>
        </message>
        <message numerus="yes">
            <location filename="../imports/import_page.py" line="31" />
            <source>%Ln incident(s) imported</source>
            <translation>
                <numerusform>%Ln инцидент загружен</numerusform>
                <numerusform>%Ln инцидента загружены</numerusform>
                <numerusform>%Ln инцидентов загружено</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../imports/import_page.py" line="33" />
            <source>%Ln published figure(s) imported</source>
            <translation>
                <numerusform>%Ln опубликованный показатель загружен</numerusform>
                <numerusform>%Ln опубликованных показателя загружены</numerusform>
                <numerusform>%Ln опубликованных показателей загружено</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../imports/import_page.py" line="34" />
            <location filename="../imports/preview_page.py" line="42" />
            <source>%Ln already present</source>
            <translation>
                <numerusform>%Ln уже есть</numerusform>
                <numerusform>%Ln уже есть</numerusform>
                <numerusform>%Ln уже есть</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../imports/import_page.py" line="35" />
            <location filename="../imports/preview_page.py" line="43" />
            <source>%Ln skipped</source>
            <translation>
                <numerusform>%Ln строка пропущена</numerusform>
                <numerusform>%Ln строки пропущены</numerusform>
                <numerusform>%Ln строк пропущено</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../imports/import_page.py" line="36" />
            <location filename="../imports/preview_page.py" line="44" />
            <source>%Ln rejected</source>
            <translation>
                <numerusform>%Ln строка отклонена</numerusform>
                <numerusform>%Ln строки отклонены</numerusform>
                <numerusform>%Ln строк отклонено</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../imports/preview_page.py" line="41" />
            <source>%Ln row(s) will be added</source>
            <translation>
                <numerusform>%Ln строка будет добавлена</numerusform>
                <numerusform>%Ln строки будут добавлены</numerusform>
                <numerusform>%Ln строк будет добавлено</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../charts/chart_bars.py" line="37" />
            <source>{0} (previous: {1})</source>
            <translation>{0} (ранее: {1})</translation>
        </message>
    </context>
    <context>
        <name>BarsPlot</name>
        <message>
            <location filename="../charts/chart_bars.py" line="70" />
            <source>previous period</source>
            <translation>предыдущий период</translation>
        </message>
    </context>
    <context>
        <name>ChartsPanel</name>
        <message>
            <location filename="../charts/charts_panel.py" line="91" />
            <source>partial period</source>
            <translation>неполный период</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="109" />
            <source>Last 7 days</source>
            <translation>Последние 7 дней</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="109" />
            <source>Last 30 days</source>
            <translation>Последние 30 дней</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="109" />
            <source>Last 90 days</source>
            <translation>Последние 90 дней</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="109" />
            <source>Last year</source>
            <translation>Последний год</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="110" />
            <source>All data</source>
            <translation>Все данные</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="110" />
            <source>Custom range</source>
            <translation>Произвольный период</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="112" />
            <source>Daily</source>
            <translation>По дням</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="112" />
            <source>Weekly</source>
            <translation>По неделям</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="112" />
            <source>Monthly</source>
            <translation>По месяцам</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="114" />
            <source>kg-equivalent</source>
            <translation>кг (пересч.)</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="114" />
            <location filename="../charts/charts_panel.py" line="344" />
            <source>Incidents</source>
            <translation>Инциденты</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="115" />
            <location filename="../charts/charts_panel.py" line="455" />
            <source>Total</source>
            <translation>Всего</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="115" />
            <location filename="../charts/charts_panel.py" line="190" />
            <source>By substance group</source>
            <translation>По группам веществ</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="115" />
            <source>By substance</source>
            <translation>По веществам</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="116" />
            <location filename="../charts/charts_panel.py" line="189" />
            <source>By post</source>
            <translation>По ОПВ</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="116" />
            <source>By country</source>
            <translation>По странам</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="116" />
            <source>By border</source>
            <translation>По границам</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="118" />
            <source>Top </source>
            <translation>Первые </translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="119" />
            <source>Show the largest series; the rest are summed as “Other”</source>
            <translation>Показать крупнейшие ряды; остальные суммируются как «Другое»</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="120" />
            <source>Lines</source>
            <translation>Линии</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="120" />
            <source>Stacked areas</source>
            <translation>Области с накоплением</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="121" />
            <source>Verified only</source>
            <translation>Только подтверждённые</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="122" />
            <source>Leave out incidents that are reported but not verified yet</source>
            <translation>Не учитывать зарегистрированные, но ещё не подтверждённые инциденты</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="123" />
            <source>7-day average</source>
            <translation>Среднее за 7 дней</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="124" />
            <source>Dashed: the mean of each day and the six days before it</source>
            <translation>Пунктир: среднее за каждый день и шесть дней до него</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="125" />
            <source>Precursors</source>
            <translation>Прекурсоры</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="126" />
            <source>Precursor chemicals are no drugs: they are counted apart (kg; litres count as kg). Tick to draw them as a dashed line of their own, never stacked on or added to the drugs.</source>
            <translation>Прекурсоры — не наркотики: они учитываются отдельно (кг; литры считаются как кг). Отметьте, чтобы показать их отдельной пунктирной линией, без сложения с наркотиками.</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="135" />
            <source>All posts</source>
            <translation>Все ОПВ</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="136" />
            <source>Show every post in the charts again (and clear the table's post filter)</source>
            <translation>Снова показать на графиках все ОПВ (и снять фильтр ОПВ в таблице)</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="140" />
            <source>Export</source>
            <translation>Выгрузить</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="143" />
            <source>Chart as PNG…</source>
            <translation>График в PNG…</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="144" />
            <source>Numbers as CSV…</source>
            <translation>Данные в CSV…</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="166" />
            <source>Local days, inclusive</source>
            <translation>Дни по местному времени, включительно</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="191" />
            <source>Against previous period</source>
            <translation>С предыдущим периодом</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="192" />
            <source>Totals for the chosen range; a black mark shows the previous period. Click a bar to list its incidents; drag up or down to see more bars.</source>
            <translation>Итоги за выбранный период; чёрная отметка показывает предыдущий период. Щёлкните столбик, чтобы показать его инциденты; перетащите вверх или вниз, чтобы увидеть другие столбики.</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="222" />
            <source>Other</source>
            <translation>Другое</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="242" />
            <source>Chosen posts only</source>
            <translation>Только выбранные ОПВ</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="244" />
            <source>{0} only</source>
            <translation>Только {0}</translation>
        </message>
        <message numerus="yes">
            <location filename="../charts/charts_panel.py" line="246" />
            <source>%n posts only</source>
            <translation>
            <numerusform>Только %n ОПВ</numerusform>
            <numerusform>Только %n ОПВ</numerusform>
            <numerusform>Только %n ОПВ</numerusform>
        </translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="248" />
            <source>The charts show these posts only, as the incident table does: {0}</source>
            <translation>Графики показывают только эти ОПВ, как и таблица инцидентов: {0}</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="259" />
            <source>Loading charts…</source>
            <translation>Построение графиков…</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="276" />
            <source>The charts could not be read: {0}</source>
            <translation>Не удалось прочитать данные графиков: {0}</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="298" />
            <location filename="../charts/charts_panel.py" line="417" />
            <source>kg-equivalent of drugs</source>
            <translation>наркотики, кг (пересч.)</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="314" />
            <source>Precursors (kg, apart)</source>
            <translation>Прекурсоры (кг, отдельно)</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="332" />
            <source>{0}: {1} kg-equivalent of drugs ({2}) · precursors {3} kg ({4}) · {5} incidents ({6}) against the {7} days before{8}</source>
            <translation>{0}: наркотики {1} кг в пересчёте ({2}) · прекурсоры {3} кг ({4}) · инцидентов: {5} ({6}) по сравнению с предыдущими {7} дн.{8}</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="342" />
            <source>Drugs seized, kg-equivalent</source>
            <translation>Изъято наркотиков, кг (пересч.)</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="343" />
            <source>Precursors seized, kg (apart)</source>
            <translation>Изъято прекурсоров, кг (отдельно)</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="407" />
            <source>{0}: {1} kg</source>
            <translation>{0}: {1} кг</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="418" />
            <source>{0}: {1} {2}
previous period: {3} ({4})</source>
            <translation>{0}: {1} {2}
предыдущий период: {3} ({4})</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="423" />
            <source>precursors apart: {0} kg (previous period: {1} kg)</source>
            <translation>прекурсоры отдельно: {0} кг (предыдущий период: {1} кг)</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="425" />
            <source>click to list the incidents</source>
            <translation>щёлкните, чтобы показать инциденты</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="338" />
            <location filename="../charts/charts_panel.py" line="447" />
            <source> · verified only</source>
            <translation> · только подтверждённые</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="339" />
            <source> · {0} in conflict not counted</source>
            <translation> · не учтено из-за конфликта версий: {0}</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="351" />
            <source>This period</source>
            <translation>Этот период</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="351" />
            <source>Change</source>
            <translation>Изменение</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="404" />
            <source>7-day average: {0}</source>
            <translation>Среднее за 7 дней: {0}</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="445" />
            <source>Seizures: {0}, {1}, {2}</source>
            <translation>Изъятия: {0}, {1}, {2}</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="455" />
            <source>First day</source>
            <translation>Первый день</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="455" />
            <source>Last day</source>
            <translation>Последний день</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="455" />
            <source>(7-day average)</source>
            <translation>(среднее за 7 дней)</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="457" />
            <source>Precursors, kg (apart)</source>
            <translation>Прекурсоры, кг (отдельно)</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="460" />
            <source>Export chart as PNG</source>
            <translation>Выгрузить график в PNG</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="461" />
            <source>PNG images (*.png)</source>
            <translation>Изображения PNG (*.png)</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="466" />
            <source>Export numbers as CSV</source>
            <translation>Выгрузить данные в CSV</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="467" />
            <source>CSV files (*.csv)</source>
            <translation>Файлы CSV (*.csv)</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="476" />
            <location filename="../charts/charts_panel.py" line="479" />
            <source>Not exported</source>
            <translation>Не выгружено</translation>
        </message>
        <message>
            <location filename="../charts/charts_panel.py" line="479" />
            <source>The image could not be made.</source>
            <translation>Не удалось создать изображение.</translation>
        </message>
    </context>
    <context>
        <name>ColumnsPage</name>
        <message>
            <location filename="../imports/columns_page.py" line="43" />
            <source>Columns</source>
            <translation>Столбцы</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="44" />
            <source>What each column holds. Columns left '(not imported)' are ignored.</source>
            <translation>Что содержит каждый столбец. Столбцы с пометкой «(не загружается)» пропускаются.</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="49" />
            <source>Column in the file</source>
            <translation>Столбец в файле</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="49" />
            <source>First values</source>
            <translation>Первые значения</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="50" />
            <source>Imported as</source>
            <translation>Загружается как</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="60" />
            <source>the substance's usual unit</source>
            <translation>обычная ед. изм. вещества</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="67" />
            <source>e.g. UNODC ARQ 2023, national report</source>
            <translation>напр. UNODC ARQ 2023, национальный доклад</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="68" />
            <source>Keep categories the app does not track under 'other', by their own name</source>
            <translation>Сохранять неизвестные приложению категории в группе «другое» под их собственным названием</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="76" />
            <source>When a row gives no &amp;unit:</source>
            <translation>Если в строке не указана &amp;единица:</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="77" />
            <source>When a row gives no &amp;post:</source>
            <translation>Если в строке не указан &amp;ОПВ:</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="78" />
            <source>&amp;Source (publisher):</source>
            <translation>&amp;Источник (издатель):</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="116" />
            <source>The columns were guessed from their names: check each one.</source>
            <translation>Столбцы определены по их названиям: проверьте каждый.</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="118" />
            <source>The saved mapping is for the other kind of data: the columns were guessed from their names.</source>
            <translation>Сохранённое сопоставление — для другого вида данных: столбцы определены по их названиям.</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="121" />
            <source>The saved mapping fits this file's layout.</source>
            <translation>Сохранённое сопоставление подходит к структуре этого файла.</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="122" />
            <source>The saved mapping was made for another layout: the columns it names that this file has are chosen; check the others.</source>
            <translation>Сохранённое сопоставление сделано для другой структуры: выбраны те его столбцы, которые есть в этом файле; проверьте остальные.</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="136" />
            <source>(not imported)</source>
            <translation>(не загружается)</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="161" />
            <source>none: the row must name its post</source>
            <translation>нет: ОПВ должен быть указан в строке</translation>
        </message>
        <message>
            <location filename="../imports/columns_page.py" line="192" />
            <source>Still needed: {0}.</source>
            <translation>Ещё нужно указать: {0}.</translation>
        </message>
    </context>
    <context>
        <name>FilePage</name>
        <message>
            <location filename="../imports/source_pages.py" line="67" />
            <source>The spreadsheet</source>
            <translation>Таблица</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="68" />
            <source>Choose a CSV or Excel (XLSX) file: a log of seizures, one row per incident, or statistics as an agency published them.</source>
            <translation>Выберите файл CSV или Excel (XLSX): журнал изъятий (по строке на инцидент) или статистику в том виде, в каком её опубликовало ведомство.</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="73" />
            <source>&amp;Browse…</source>
            <translation>О&amp;бзор…</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="77" />
            <source>none: the columns are chosen on the next pages</source>
            <translation>нет: столбцы выбираются на следующих страницах</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="78" />
            <source>Open &amp;mapping…</source>
            <translation>Открыть &amp;сопоставление…</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="80" />
            <source>&amp;Clear</source>
            <translation>&amp;Очистить</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="86" />
            <source>&amp;File:</source>
            <translation>&amp;Файл:</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="88" />
            <source>Saved mapping:</source>
            <translation>Сохранённое сопоставление:</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="90" />
            <source>A mapping saved from an earlier import of the same layout fills in the columns, the names learnt and the defaults.</source>
            <translation>Сопоставление, сохранённое при прошлой загрузке файла той же структуры, заполняет столбцы, выученные названия и значения по умолчанию.</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="94" />
            <source>Import from spreadsheet</source>
            <translation>Загрузка из таблицы</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="95" />
            <source>Spreadsheets (*.csv *.txt *.xlsx);;All files (*)</source>
            <translation>Таблицы (*.csv *.txt *.xlsx);;Все файлы (*)</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="100" />
            <source>Open a saved mapping</source>
            <translation>Открыть сохранённое сопоставление</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="100" />
            <source>Mappings (*.json);;All files (*)</source>
            <translation>Сопоставления (*.json);;Все файлы (*)</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="111" />
            <source>Reading {0}…</source>
            <translation>Чтение {0}…</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="120" />
            <source>Choose the sheet or the header row on the next pages.</source>
            <translation>Выберите лист или строку заголовков на следующих страницах.</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="123" />
            <source> on the sheet '{0}'</source>
            <translation> на листе «{0}»</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="124" />
            <source>Header found on row {0}{1}: {2}</source>
            <translation>Заголовки найдены в строке {0}{1}: {2}</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="132" />
            <source>Reading the mapping…</source>
            <translation>Чтение сопоставления…</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="140" />
            <source>incident log</source>
            <translation>журнал инцидентов</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="140" />
            <source>published statistics</source>
            <translation>опубликованная статистика</translation>
        </message>
        <message numerus="yes">
            <location filename="../imports/source_pages.py" line="141" />
            <source>A mapping for {0}: %n column(s).</source>
            <translation>
                <numerusform>Сопоставление ({0}): %n столбец.</numerusform>
                <numerusform>Сопоставление ({0}): %n столбца.</numerusform>
                <numerusform>Сопоставление ({0}): %n столбцов.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportPage</name>
        <message>
            <location filename="../imports/import_page.py" line="48" />
            <source>Import</source>
            <translation>Загрузить</translation>
        </message>
        <message>
            <location filename="../imports/import_page.py" line="57" />
            <source>Run the import &amp;again</source>
            <translation>&amp;Повторить загрузку</translation>
        </message>
        <message>
            <location filename="../imports/import_page.py" line="59" />
            <source>Save rows not imported (&amp;CSV)…</source>
            <translation>Сохранить незагруженные стро&amp;ки (CSV)…</translation>
        </message>
        <message>
            <location filename="../imports/import_page.py" line="80" />
            <source>Importing {0}…</source>
            <translation>Загрузка {0}…</translation>
        </message>
        <message>
            <location filename="../imports/import_page.py" line="85" />
            <source>Reading the file…</source>
            <translation>Чтение файла…</translation>
        </message>
        <message>
            <location filename="../imports/import_page.py" line="97" />
            <source>From {0}. The import is one entry of the audit trail.</source>
            <translation>Источник: {0}. Загрузка — одна запись в журнале аудита.</translation>
        </message>
        <message>
            <location filename="../imports/import_page.py" line="104" />
            <source>The import was stopped: nothing was imported.</source>
            <translation>Загрузка остановлена: ничего не загружено.</translation>
        </message>
        <message>
            <location filename="../imports/import_page.py" line="109" />
            <source>Nothing was imported.</source>
            <translation>Ничего не загружено.</translation>
        </message>
        <message>
            <location filename="../imports/import_page.py" line="125" />
            <source>Save the rows not imported</source>
            <translation>Сохранить незагруженные строки</translation>
        </message>
        <message>
            <location filename="../imports/import_page.py" line="125" />
            <source>CSV files (*.csv)</source>
            <translation>Файлы CSV (*.csv)</translation>
        </message>
        <message>
            <location filename="../imports/import_page.py" line="127" />
            <source>The rows not imported were saved to {0}.</source>
            <translation>Незагруженные строки сохранены в {0}.</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message>
            <location filename="../imports/import_wizard.py" line="67" />
            <source>Import from spreadsheet</source>
            <translation>Загрузка из таблицы</translation>
        </message>
        <message>
            <location filename="../imports/import_wizard.py" line="84" />
            <source>&amp;Import</source>
            <translation>&amp;Загрузить</translation>
        </message>
        <message>
            <location filename="../imports/import_wizard.py" line="165" />
            <source>Replace the file?</source>
            <translation>Заменить файл?</translation>
        </message>
        <message>
            <location filename="../imports/import_wizard.py" line="165" />
            <source>{0} already exists. Replace it?</source>
            <translation>{0} уже существует. Заменить его?</translation>
        </message>
        <message>
            <location filename="../imports/import_wizard.py" line="201" />
            <source>Saved</source>
            <translation>Сохранено</translation>
        </message>
        <message>
            <location filename="../imports/import_wizard.py" line="208" />
            <source>Not saved</source>
            <translation>Не сохранено</translation>
        </message>
    </context>
    <context>
        <name>KindPage</name>
        <message>
            <location filename="../imports/source_pages.py" line="168" />
            <source>What the file holds</source>
            <translation>Что содержит файл</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="169" />
            <source>An &amp;incident log: one row per seizure (date, post, substance, quantity…). The rows become incidents, marked as imported.</source>
            <translation>&amp;Журнал инцидентов: по строке на изъятие (дата, ОПВ, вещество, количество…). Строки станут инцидентами с пометкой «загружено».</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="171" />
            <source>Published &amp;statistics: totals by country and year or month. They are kept apart and shown beside the posts' seizures, never added to them.</source>
            <translation>Опубликованная &amp;статистика: итоги по странам за год или месяц. Хранится отдельно и показывается рядом с изъятиями ОПВ, но никогда не суммируется с ними.</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="181" />
            <source>Your role cannot import incident logs.</source>
            <translation>Ваша роль не позволяет загружать журналы инцидентов.</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="182" />
            <source>Only supervisors import published statistics.</source>
            <translation>Опубликованную статистику загружает только старший смены.</translation>
        </message>
    </context>
    <context>
        <name>OutcomeModel</name>
        <message>
            <location filename="../imports/outcome_model.py" line="33" />
            <source>Row</source>
            <translation>Строка</translation>
        </message>
        <message>
            <location filename="../imports/outcome_model.py" line="33" />
            <source>Outcome</source>
            <translation>Результат</translation>
        </message>
        <message>
            <location filename="../imports/outcome_model.py" line="33" />
            <source>Will be imported as</source>
            <translation>Будет загружено как</translation>
        </message>
        <message>
            <location filename="../imports/outcome_model.py" line="33" />
            <source>Problems</source>
            <translation>Ошибки</translation>
        </message>
        <message>
            <location filename="../imports/outcome_model.py" line="34" />
            <source>Will be added</source>
            <translation>Будет добавлено</translation>
        </message>
        <message>
            <location filename="../imports/outcome_model.py" line="34" />
            <source>Already present</source>
            <translation>Уже есть</translation>
        </message>
        <message>
            <location filename="../imports/outcome_model.py" line="35" />
            <source>Skipped</source>
            <translation>Пропущено</translation>
        </message>
        <message>
            <location filename="../imports/outcome_model.py" line="35" />
            <source>Rejected</source>
            <translation>Отклонено</translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message>
            <location filename="../imports/preview_page.py" line="73" />
            <source>Preview</source>
            <translation>Предварительный просмотр</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="74" />
            <source>A dry run: nothing is written yet. Check the counts and the problems, teach the mapping the names it does not know, then Import.</source>
            <translation>Пробный прогон: пока ничего не записано. Проверьте числа и ошибки, укажите, чему соответствуют незнакомые названия, затем нажмите «Загрузить».</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="86" />
            <source>First rows</source>
            <translation>Первые строки</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="87" />
            <source>Rows not imported</source>
            <translation>Незагруженные строки</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="88" />
            <source>Names to map</source>
            <translation>Незнакомые названия</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="89" />
            <source>Keep &amp;repeated rows (the same row twice in the file)</source>
            <translation>Оставлять по&amp;вторяющиеся строки (одна и та же строка в файле дважды)</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="90" />
            <source>Keep rows that look like &amp;incidents already recorded</source>
            <translation>Оставлять строки, похожие на уже записанные &amp;инциденты</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="91" />
            <source>Keep published &amp;zero quantities</source>
            <translation>Оставлять опубликованные ну&amp;левые количества</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="94" />
            <source>Save &amp;mapping…</source>
            <translation>Сохранить &amp;сопоставление…</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="97" />
            <source>Save rows not imported (&amp;CSV)…</source>
            <translation>Сохранить незагруженные стро&amp;ки (CSV)…</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="142" />
            <source>Checking every row of {0}…</source>
            <translation>Проверка каждой строки файла {0}…</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="145" />
            <source>Reading the file…</source>
            <translation>Чтение файла…</translation>
        </message>
        <message numerus="yes">
            <location filename="../imports/preview_page.py" line="163" />
            <source>Rows not imported (%Ln)</source>
            <translation>
                <numerusform>Незагруженные строки (%Ln)</numerusform>
                <numerusform>Незагруженные строки (%Ln)</numerusform>
                <numerusform>Незагруженные строки (%Ln)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../imports/preview_page.py" line="164" />
            <source>Names to map (%Ln)</source>
            <translation>
                <numerusform>Незнакомые названия (%Ln)</numerusform>
                <numerusform>Незнакомые названия (%Ln)</numerusform>
                <numerusform>Незнакомые названия (%Ln)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="167" />
            <source>Nothing would be imported: see the rows not imported, and the names to map.</source>
            <translation>Ничего не будет загружено: см. незагруженные строки и незнакомые названия.</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="175" />
            <source>The check was stopped. Change an option or go Back to check again.</source>
            <translation>Проверка остановлена. Измените параметр или нажмите «Назад», чтобы проверить снова.</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="208" />
            <source>Save the mapping</source>
            <translation>Сохранить сопоставление</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="208" />
            <source>Mappings (*.json)</source>
            <translation>Сопоставления (*.json)</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="210" />
            <source>The mapping was saved to {0}.</source>
            <translation>Сопоставление сохранено в {0}.</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="215" />
            <source>Save the rows not imported</source>
            <translation>Сохранить незагруженные строки</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="215" />
            <source>CSV files (*.csv)</source>
            <translation>Файлы CSV (*.csv)</translation>
        </message>
        <message>
            <location filename="../imports/preview_page.py" line="217" />
            <source>The rows not imported were saved to {0}.</source>
            <translation>Незагруженные строки сохранены в {0}.</translation>
        </message>
    </context>
    <context>
        <name>ProgressStrip</name>
        <message>
            <location filename="../imports/progress_strip.py" line="21" />
            <source>Stop</source>
            <translation>Остановить</translation>
        </message>
        <message>
            <location filename="../imports/progress_strip.py" line="23" />
            <source>Stop: nothing is imported (Esc).</source>
            <translation>Остановить: ничего не будет загружено (Esc).</translation>
        </message>
        <message>
            <location filename="../imports/progress_strip.py" line="44" />
            <source>Writing: {0} of {1} rows…</source>
            <translation>Запись строк: {0} из {1}…</translation>
        </message>
        <message>
            <location filename="../imports/progress_strip.py" line="46" />
            <source>Reading the file: {0} rows…</source>
            <translation>Чтение файла, строк: {0}…</translation>
        </message>
        <message>
            <location filename="../imports/progress_strip.py" line="59" />
            <source>Stopping… nothing will be imported.</source>
            <translation>Остановка… ничего не будет загружено.</translation>
        </message>
    </context>
    <context>
        <name>SheetImport</name>
        <message>
            <location filename="../imports/import_action.py" line="37" />
            <source>Import from &amp;spreadsheet…</source>
            <translation>Загрузить из &amp;таблицы…</translation>
        </message>
        <message>
            <location filename="../imports/import_action.py" line="42" />
            <source>Bring in an incident log or published statistics from a CSV or Excel file.</source>
            <translation>Загрузить журнал инцидентов или опубликованную статистику из файла CSV или Excel.</translation>
        </message>
        <message>
            <location filename="../imports/import_action.py" line="43" />
            <source>Your role cannot import spreadsheets: ask an operator or a supervisor.</source>
            <translation>Ваша роль не позволяет загружать таблицы: обратитесь к оператору или старшему смены.</translation>
        </message>
        <message>
            <location filename="../imports/import_action.py" line="62" />
            <source>{0}: {1}.</source>
            <translation>{0}: {1}.</translation>
        </message>
    </context>
    <context>
        <name>SheetPage</name>
        <message>
            <location filename="../imports/source_pages.py" line="216" />
            <source>Sheet and header row</source>
            <translation>Лист и строка заголовков</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="217" />
            <source>The row that names the columns was found below any title or note rows. Check it in the first rows below, and choose another sheet or row if needed.</source>
            <translation>Строка с названиями столбцов найдена ниже строк заголовка и примечаний. Проверьте её по первым строкам ниже и при необходимости выберите другой лист или строку.</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="232" />
            <source>S&amp;heet:</source>
            <translation>&amp;Лист:</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="233" />
            <source>Header &amp;row:</source>
            <translation>&amp;Строка заголовков:</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="261" />
            <source>Reading…</source>
            <translation>Чтение…</translation>
        </message>
        <message>
            <location filename="../imports/source_pages.py" line="295" />
            <source>A CSV file ({0}).</source>
            <translation>Файл CSV ({0}).</translation>
        </message>
        <message numerus="yes">
            <location filename="../imports/source_pages.py" line="296" />
            <source>An Excel workbook: %n sheet(s).</source>
            <translation>
                <numerusform>Книга Excel: %n лист.</numerusform>
                <numerusform>Книга Excel: %n листа.</numerusform>
                <numerusform>Книга Excel: %n листов.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../imports/source_pages.py" line="297" />
            <source>The columns: {0}. The first %n row(s) below it:</source>
            <translation>
                <numerusform>Столбцы: {0}. Первая %n строка под строкой заголовков:</numerusform>
                <numerusform>Столбцы: {0}. Первые %n строки под строкой заголовков:</numerusform>
                <numerusform>Столбцы: {0}. Первые %n строк под строкой заголовков:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ValueMapping</name>
        <message>
            <location filename="../imports/value_mapping.py" line="72" />
            <source>What</source>
            <translation>Что</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="72" />
            <source>Name in the file</source>
            <translation>Название в файле</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="72" />
            <source>Rows</source>
            <translation>Строки</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="73" />
            <source>Stands for</source>
            <translation>Соответствует</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="80" />
            <source>&amp;Use these names and check again</source>
            <translation>&amp;Применить эти названия и проверить снова</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="90" />
            <source>Substance</source>
            <translation>Вещество</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="90" />
            <source>Post</source>
            <translation>ОПВ</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="90" />
            <source>Country</source>
            <translation>Страна</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="91" />
            <source>Drug group</source>
            <translation>Группа наркотиков</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="91" />
            <source>Unit</source>
            <translation>Ед. изм.</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="102" />
            <source>(choose)</source>
            <translation>(выберите)</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="110" />
            <source>These names are not in the app's lists. Choose what each stands for: the mapping learns it, and a saved mapping remembers it for the next file.</source>
            <translation>Этих названий нет в списках приложения. Выберите, чему соответствует каждое: сопоставление запомнит выбор, а сохранённое сопоставление применит его к следующему файлу.</translation>
        </message>
        <message>
            <location filename="../imports/value_mapping.py" line="112" />
            <source>Every name in the file is known.</source>
            <translation>Все названия в файле известны.</translation>
        </message>
    </context>
</TS>
