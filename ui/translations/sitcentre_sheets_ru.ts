<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../../sitcentre/sheets/mapping.py" line="76"/>
        <source>{what} is not a mapping file (it is not JSON: {detail}).</source>
        <translation>{what}: это не файл сопоставления (не JSON: {detail}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/mapping.py" line="77"/>
        <source>{what} is not a sitcentre spreadsheet mapping.</source>
        <translation>{what}: это не сопоставление электронной таблицы sitcentre.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/mapping.py" line="78"/>
        <source>{what} was saved by a newer version of sitcentre (mapping version {version}); this one reads version {supported}.</source>
        <translation>{what}: сохранено более новой версией sitcentre (версия сопоставления {version}); эта версия читает версию {supported}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/mapping.py" line="80"/>
        <source>{what} has entries this version does not know: {names}.</source>
        <translation>{what}: содержит записи, неизвестные этой версии: {names}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/mapping.py" line="81"/>
        <source>{what}: {name} {reason}.</source>
        <translation>{what}: {name} {reason}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/mapping.py" line="82"/>
        <source>{what}: &apos;{field}&apos; is not a field of {kind} (column &apos;{column}&apos;).</source>
        <translation>{what}: «{field}» — не поле для {kind} (столбец «{column}»).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/mapping.py" line="83"/>
        <source>{what}: the field &apos;{field}&apos; is taken from two columns ({columns}).</source>
        <translation>{what}: поле «{field}» берётся из двух столбцов ({columns}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/mapping.py" line="84"/>
        <source>Cannot read {what}: {detail}.</source>
        <translation>Не удаётся прочитать: {what} ({detail}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/mapping.py" line="85"/>
        <source>{what} is {size:,} bytes: too big to be a mapping file.</source>
        <translation>{what}: {size:,} байт — слишком большой для файла сопоставления.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/mapping.py" line="86"/>
        <source>The mapping names columns this sheet&apos;s header does not have: {columns}. Choose the columns again or check the header row.</source>
        <translation>В сопоставлении указаны столбцы, которых нет в заголовке этого листа: {columns}. Выберите столбцы заново или проверьте строку заголовка.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/mapping.py" line="88"/>
        <source>The mapping takes {fields} from no column and gives no default: the rows cannot be read.</source>
        <translation>В сопоставлении для {fields} не указан ни столбец, ни значение по умолчанию: строки нельзя прочитать.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="68"/>
        <source>The file {name} was not found.</source>
        <translation>Файл {name} не найден.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="69"/>
        <source>{name} is a folder or a device, not a file.</source>
        <translation>{name} — папка или устройство, а не файл.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="70"/>
        <source>The file {name} could not be read: {reason}.</source>
        <translation>Не удалось прочитать файл {name}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="71"/>
        <source>{name} is in the {format}, which is not read. Open it in a spreadsheet program and save it as an Excel workbook (.xlsx) or as CSV, then import that file.</source>
        <translation>{name} сохранён в формате, который не читается ({format}). Откройте его в программе электронных таблиц, сохраните как книгу Excel (.xlsx) или CSV и загрузите этот файл.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="73"/>
        <source>{name} is not a spreadsheet this program reads. Import an Excel workbook (.xlsx) or a CSV file (.csv or .txt).</source>
        <translation>{name} — не электронная таблица, которую читает эта программа. Загрузите книгу Excel (.xlsx) или файл CSV (.csv или .txt).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="75"/>
        <source>{name} is protected with a password (or is an old .xls file renamed to .xlsx). Open it in Excel, remove the password or save it as .xlsx, then import it again.</source>
        <translation>{name} защищён паролем (или это старый файл .xls, переименованный в .xlsx). Откройте его в Excel, снимите пароль или сохраните как .xlsx и загрузите снова.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="77"/>
        <source>{name} is damaged or is not an Excel workbook ({reason}). Open it in Excel and save it again.</source>
        <translation>{name} повреждён или не является книгой Excel ({reason}). Откройте его в Excel и сохраните заново.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="78"/>
        <source>{name} is an Excel workbook with a .csv or .txt name. Rename it to .xlsx and import it.</source>
        <translation>{name} — книга Excel с расширением .csv или .txt. Переименуйте его в .xlsx и загрузите.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="79"/>
        <source>{name} is empty: there are no rows to import.</source>
        <translation>{name} пуст: нет строк для загрузки.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="80"/>
        <source>{name} has no worksheets with rows to import.</source>
        <translation>В {name} нет листов со строками для загрузки.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="81"/>
        <source>{name} has no sheet called &apos;{sheet}&apos;. Its sheets are: {sheets}.</source>
        <translation>В {name} нет листа «{sheet}». Его листы: {sheets}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="82"/>
        <source>{name} is not text in UTF-8, UTF-16 or Windows-1251. Save it from the spreadsheet program as &apos;CSV UTF-8&apos; and import it again.</source>
        <translation>{name} — не текст в кодировке UTF-8, UTF-16 или Windows-1251. Сохраните его из программы электронных таблиц как «CSV UTF-8» и загрузите снова.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="84"/>
        <source>{name} cannot be read as CSV at row {row}: {reason}.</source>
        <translation>{name} не читается как CSV в строке {row}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="85"/>
        <source>No header row was found in the first {rows} rows of {sheet}. Give the number of the header row.</source>
        <translation>В первых {rows} строках ({sheet}) строка заголовка не найдена. Укажите номер строки заголовка.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="86"/>
        <source>Row {row} of {sheet} is empty or missing, so it cannot be the header row.</source>
        <translation>Строка {row} ({sheet}) пуста или отсутствует, поэтому не может быть строкой заголовка.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/readers.py" line="87"/>
        <source>The header row must be a row number from 1 on, not {row}.</source>
        <translation>Строка заголовка — это номер строки от 1, а не {row}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="56"/>
        <source>{column}: {problem}</source>
        <translation>{column}: {problem}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="57"/>
        <source>{column}: {needed} is missing.</source>
        <translation>{column}: не указано — {needed}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="58"/>
        <source>{column}: the quantity is empty.</source>
        <translation>{column}: количество не указано.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="59"/>
        <source>{column}: the quantity is zero.</source>
        <translation>{column}: количество равно нулю.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="60"/>
        <source>{column}: &apos;{name}&apos; is not a substance in the list. Map it to a substance (value mapping) or correct the cell.</source>
        <translation>{column}: «{name}» нет в списке веществ. Сопоставьте его с веществом (сопоставление значений) или исправьте ячейку.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="62"/>
        <source>{column}: &apos;{name}&apos; is not a post in the list. Map it to a post (value mapping) or correct the cell.</source>
        <translation>{column}: «{name}» нет в списке ОПВ. Сопоставьте его с ОПВ (сопоставление значений) или исправьте ячейку.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="64"/>
        <source>{column}: &apos;{name}&apos; is not a country. Map it to a country (value mapping) or correct the cell.</source>
        <translation>{column}: «{name}» — не страна. Сопоставьте его со страной (сопоставление значений) или исправьте ячейку.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="66"/>
        <source>{column}: &apos;{name}&apos; is neither a substance nor a group the app knows. Map it, or keep unknown categories under &apos;other&apos;.</source>
        <translation>{column}: «{name}» — не известное программе вещество или группа. Сопоставьте его или относите неизвестные категории к «другое».</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="68"/>
        <source>{column}: &apos;{name}&apos; is not one of: {choices}.</source>
        <translation>{column}: «{name}» — не одно из значений: {choices}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="69"/>
        <source>{column}: {substance} cannot be recorded in &apos;{unit}&apos;. Use one of: {units}.</source>
        <translation>{column}: {substance} нельзя записать в «{unit}». Используйте одну из единиц: {units}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="70"/>
        <source>{column}: {reason}</source>
        <translation>{column}: {reason}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="71"/>
        <source>{column}: {quantity} {unit} is more than one line can hold ({limit:,} {unit}).</source>
        <translation>{column}: {quantity} {unit} — больше, чем допускает одна позиция ({limit:,} {unit}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="72"/>
        <source>{column}: {when} is in the future.</source>
        <translation>{column}: {when} — в будущем.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="73"/>
        <source>{column}: {when} is before 1970. Check the date.</source>
        <translation>{column}: {when} — раньше 1970 года. Проверьте дату.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="74"/>
        <source>The row has no substance and quantity.</source>
        <translation>В строке нет вещества и количества.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="75"/>
        <source>The same as row {first}: skipped.</source>
        <translation>Совпадает со строкой {first}: пропущена.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="76"/>
        <source>Already imported (the same row was imported before): skipped.</source>
        <translation>Уже загружена (эта же строка загружалась раньше): пропущена.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="82"/>
        <source>the date</source>
        <translation>дата</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="82"/>
        <source>the post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="82"/>
        <location filename="../../sitcentre/sheets/rows.py" line="451"/>
        <source>the country</source>
        <translation>страна</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="83"/>
        <source>the period</source>
        <translation>период</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="83"/>
        <source>the year</source>
        <translation>год</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="83"/>
        <source>the quantity</source>
        <translation>количество</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="84"/>
        <location filename="../../sitcentre/sheets/rows.py" line="431"/>
        <source>the unit</source>
        <translation>единица измерения</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="84"/>
        <source>the substance</source>
        <translation>вещество</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/rows.py" line="513"/>
        <source>the substance or group</source>
        <translation>вещество или группа</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="48"/>
        <source>The cell is empty.</source>
        <translation>Ячейка пуста.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="49"/>
        <source>The cell holds {length:,} characters; at most {limit:,} can be read here.</source>
        <translation>В ячейке {length:,} символов; здесь можно прочитать не более {limit:,}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="50"/>
        <source>&apos;{text}&apos; is not a date. Write it as 2023-04-05 or 05.04.2023.</source>
        <translation>«{text}» — не дата. Запишите её как 2023-04-05 или 05.04.2023.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="51"/>
        <source>&apos;{text}&apos; can be read as {first} or as {second}. Write it as yyyy-mm-dd or dd.mm.yyyy.</source>
        <translation>«{text}» можно прочитать как {first} или как {second}. Запишите как гггг-мм-дд или дд.мм.гггг.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="52"/>
        <source>&apos;{text}&apos; is not a day of the calendar.</source>
        <translation>«{text}» — такого дня в календаре нет.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="53"/>
        <source>{text} is not an Excel date: a date cell counts days from 1 to 2,958,465.</source>
        <translation>{text} — не дата Excel: ячейка даты считает дни от 1 до 2 958 465.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="54"/>
        <source>{text} is Excel&apos;s 29 February 1900, a day that never was. Check the date.</source>
        <translation>{text} — это 29 февраля 1900 года в Excel, дня, которого не было. Проверьте дату.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="55"/>
        <source>&apos;{text}&apos; names {period}, not a day. Give the date of the incident.</source>
        <translation>«{text}» обозначает период ({period}), а не день. Укажите дату инцидента.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="56"/>
        <source>&apos;{text}&apos; is not a year, a month or a date. Write 2023, 2023-04 or 05.04.2023.</source>
        <translation>«{text}» — не год, не месяц и не дата. Запишите 2023, 2023-04 или 05.04.2023.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="57"/>
        <source>&apos;{text}&apos; is not a time of day. Write it as 14:30.</source>
        <translation>«{text}» — не время суток. Запишите его как 14:30.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="58"/>
        <source>&apos;{text}&apos; is not a year. Write it with four digits, such as 2023.</source>
        <translation>«{text}» — не год. Запишите его четырьмя цифрами, например 2023.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="59"/>
        <source>&apos;{text}&apos; is not a month. Write its number (1 to 12) or its name.</source>
        <translation>«{text}» — не месяц. Запишите его номер (от 1 до 12) или название.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="60"/>
        <source>&apos;{text}&apos; is not a number.</source>
        <translation>«{text}» — не число.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/sheets/values.py" line="61"/>
        <source>&apos;{text}&apos; is not a unit. Use kg, g, l or tablets (or add it to the mapping&apos;s units).</source>
        <translation>«{text}» — не единица измерения. Используйте kg, g, l или tablets (или добавьте её в единицы сопоставления).</translation>
    </message>
</context>
</TS>
