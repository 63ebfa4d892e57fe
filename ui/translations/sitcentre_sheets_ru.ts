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
</context>
</TS>
