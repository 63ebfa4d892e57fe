<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../../sitcentre/cli.py" line="46"/>
        <source>sitcentre: {message} (see &apos;sitcentre --help&apos;)</source>
        <translation>sitcentre: {message} (см. &apos;sitcentre --help&apos;)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="50"/>
        <source>Situation-centre database tools.</source>
        <translation>Инструменты базы данных ситуационного центра.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="52"/>
        <source>the language of the messages (default: $SITCENTRE_LANG when it is en or ru, else en)</source>
        <translation>язык сообщений (по умолчанию: $SITCENTRE_LANG, если это en или ru, иначе en)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="53"/>
        <source>sqlite:///path/file.sqlite or postgresql://user@host/db (default: $SITCENTRE_DB, else a file in the user data folder)</source>
        <translation>sqlite:///путь/файл.sqlite или postgresql://пользователь@хост/база (по умолчанию: $SITCENTRE_DB, иначе файл в папке данных пользователя)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="57"/>
        <source>schema and integrity</source>
        <translation>схема и целостность</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="60"/>
        <source>bring the schema to this version (SQLite files are backed up first)</source>
        <translation>обновить схему до этой версии (для файлов SQLite сначала делается резервная копия)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="61"/>
        <source>show the schema revision</source>
        <translation>показать версию схемы</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="62"/>
        <source>check integrity, schema status and rollups</source>
        <translation>проверить целостность, состояние схемы и сводные данные</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="66"/>
        <source>fill the database with synthetic demo data</source>
        <translation>заполнить базу данных синтетическими демонстрационными данными</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="67"/>
        <source>default 20000</source>
        <translation>по умолчанию 20000</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="69"/>
        <source>load even into a database that holds real user accounts or incidents</source>
        <translation>загружать даже в базу данных с настоящими учётными записями или инцидентами</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="71"/>
        <source>random seed (same seed, same data)</source>
        <translation>начальное значение генератора (то же значение — те же данные)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="73"/>
        <source>instead: make a centre and two posts in FOLDER, keys exchanged, with offline edits to exchange (README: the walk-through); --force allows a folder that holds other files</source>
        <translation>вместо этого: создать в ПАПКЕ центр и два ОПВ с обменянными ключами и офлайн-правками для обмена (README: пошаговый пример); --force разрешает папку с другими файлами</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="75"/>
        <source>row counts per table</source>
        <translation>число строк в каждой таблице</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="76"/>
        <source>write the daily brief for management as a PDF</source>
        <translation>записать ежедневную сводку для руководства в PDF</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="78"/>
        <source>the posts&apos; local day to report (default: yesterday, centre time)</source>
        <translation>местный день ОПВ для сводки (по умолчанию: вчера по времени центра)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="79"/>
        <source>the PDF to write (default: brief-YYYY-MM-DD.pdf here)</source>
        <translation>файл PDF для записи (по умолчанию: brief-YYYY-MM-DD.pdf в текущей папке)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="80"/>
        <source>replace the output file if it exists</source>
        <translation>заменить выходной файл, если он существует</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="82"/>
        <source>the language of the brief: en (English) or ru (Russian); default: the language of the messages (sitcentre --lang)</source>
        <translation>язык сводки: en (английский) или ru (русский); по умолчанию: язык сообщений (sitcentre --lang)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="85"/>
        <source>count verified incidents only in the numbers, the chart and the largest seizures</source>
        <translation>учитывать в числах, диаграмме и крупнейших изъятиях только подтверждённые инциденты</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="97"/>
        <source>user accounts (run by whoever holds the database&apos;s credentials)</source>
        <translation>учётные записи (выполняет тот, у кого есть учётные данные базы данных)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="100"/>
        <source>add an account; the password is asked for</source>
        <translation>добавить учётную запись; пароль запрашивается</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="103"/>
        <source>the post the account belongs to, e.g. KG-KSU</source>
        <translation>ОПВ учётной записи, например KG-KSU</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="106"/>
        <source>at a post: add an account of this post only (accounts come from the centre)</source>
        <translation>на ОПВ: добавить учётную запись только этого ОПВ (учётные записи приходят из центра)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="107"/>
        <source>set an account&apos;s password (also lifts a lock-out)</source>
        <translation>задать пароль учётной записи (также снимает блокировку)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="110"/>
        <source>read the password from standard input</source>
        <translation>прочитать пароль со стандартного ввода</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="111"/>
        <source>disable an account</source>
        <translation>отключить учётную запись</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="112"/>
        <source>enable a disabled account</source>
        <translation>включить отключённую учётную запись</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="113"/>
        <source>change an account&apos;s role (and post)</source>
        <translation>изменить роль учётной записи (и ОПВ)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="116"/>
        <source>the post the account belongs to (none when left out)</source>
        <translation>ОПВ учётной записи (если не указан — без ОПВ)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="117"/>
        <source>list the accounts</source>
        <translation>список учётных записей</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="131"/>
        <source>&apos;{text}&apos;: give a day between {first} and {last}</source>
        <translation>&apos;{text}&apos;: укажите день с {first} по {last} год</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="140"/>
        <source>&apos;{text}&apos; is not a whole number</source>
        <translation>&apos;{text}&apos; — не целое число</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="142"/>
        <source>must not be negative</source>
        <translation>не может быть отрицательным</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="175"/>
        <source>sitcentre: cannot create the data folder {folder} ({reason}); set SITCENTRE_DATA_DIR to a folder you can write, or name the database with --db</source>
        <translation>sitcentre: не удаётся создать папку данных {folder} ({reason}); укажите в SITCENTRE_DATA_DIR папку, доступную для записи, или задайте базу данных параметром --db</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="183"/>
        <source>sitcentre: interrupted</source>
        <translation>sitcentre: прервано</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="255"/>
        <location filename="../../sitcentre/cli.py" line="401"/>
        <source>sitcentre: warning: {warning}</source>
        <translation>sitcentre: предупреждение: {warning}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="263"/>
        <source>{where}: already at schema {revision}</source>
        <translation>{where}: схема уже версии {revision}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="265"/>
        <source>{where}: upgraded from empty to {revision}</source>
        <translation>{where}: пустая база данных обновлена до схемы {revision}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="267"/>
        <source>{where}: upgraded from {before} to {revision}</source>
        <translation>{where}: схема обновлена с {before} до {revision}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="281"/>
        <source>database:  {where}</source>
        <translation>база данных:    {where}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="282"/>
        <source>schema:    {schema}</source>
        <translation>схема:          {schema}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="283"/>
        <source>integrity: {integrity}</source>
        <translation>целостность:    {integrity}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="285"/>
        <source>rollups:   not checked ({reason})</source>
        <translation>сводные данные: не проверены ({reason})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="287"/>
        <source>rollups:   ok</source>
        <translation>сводные данные: в порядке</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="289"/>
        <source>rollups:   DIFFER from the incidents</source>
        <translation>сводные данные: РАСХОДЯТСЯ с инцидентами</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="312"/>
        <source>{done} / {total} incidents</source>
        <translation>инцидентов: {done} / {total}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="319"/>
        <source>{where}: {count} demo incidents added in {seconds} s</source>
        <translation>{where}: добавлено демонстрационных инцидентов: {count} за {seconds} с</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="361"/>
        <source>sitcentre: {problem} (--force replaces it)</source>
        <translation>sitcentre: {problem} (--force заменит файл)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="367"/>
        <source>{path}: daily brief for {day} (1 page)</source>
        <translation>{path}: ежедневная сводка за {day} (страниц: 1)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="369"/>
        <source>{path}: daily brief for {day} ({pages} pages)</source>
        <translation>{path}: ежедневная сводка за {day} (страниц: {pages})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="378"/>
        <location filename="../../sitcentre/cli.py" line="389"/>
        <source>{where}: {status}; update sitcentre on this workstation.</source>
        <translation>{where}: {status}; обновите sitcentre на этом рабочем месте.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli.py" line="392"/>
        <source>sitcentre: {where}: {status}; run &apos;sitcentre db upgrade&apos;</source>
        <translation>sitcentre: {where}: {status}; выполните &apos;sitcentre db upgrade&apos;</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_settings.py" line="24"/>
        <source>the installation&apos;s settings (thresholds, own-post rule, the centre&apos;s clock)</source>
        <translation>настройки установки (пороги, правило своего ОПВ, время центра)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_settings.py" line="28"/>
        <source>every setting, its value and its default</source>
        <translation>все настройки, их значения и значения по умолчанию</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_settings.py" line="29"/>
        <source>change a setting (administrators; audited)</source>
        <translation>изменить настройку (администраторы; записывается в журнал аудита)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_settings.py" line="32"/>
        <source>back to the default (one setting, or all)</source>
        <translation>вернуть значение по умолчанию (одной настройки или всех)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_settings.py" line="46"/>
        <source>{key}  {value}  (default {default})  {what}</source>
        <translation>{key}  {value}  (по умолчанию {default})  {what}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_settings.py" line="49"/>
        <source>{key}  {value}  (default)  {what}</source>
        <translation>{key}  {value}  (по умолчанию)  {what}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_settings.py" line="56"/>
        <source>{key}: default -&gt; {new}. Workstations apply it when they next start.</source>
        <translation>{key}: по умолчанию -&gt; {new}. Рабочие места применят это при следующем запуске.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_settings.py" line="58"/>
        <source>{key}: {old} -&gt; {new}. Workstations apply it when they next start.</source>
        <translation>{key}: {old} -&gt; {new}. Рабочие места применят это при следующем запуске.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_settings.py" line="63"/>
        <source>Back to the default: {keys}.</source>
        <translation>Восстановлены значения по умолчанию: {keys}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_settings.py" line="65"/>
        <source>Nothing to reset: the defaults apply.</source>
        <translation>Сбрасывать нечего: действуют значения по умолчанию.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="45"/>
        <source>added admin &apos;{name}&apos; at post {post}</source>
        <translation>добавлена учётная запись администратора &apos;{name}&apos; (ОПВ {post})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="46"/>
        <source>added supervisor &apos;{name}&apos; at post {post}</source>
        <translation>добавлена учётная запись старшего смены &apos;{name}&apos; (ОПВ {post})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="47"/>
        <source>added operator &apos;{name}&apos; at post {post}</source>
        <translation>добавлена учётная запись оператора &apos;{name}&apos; (ОПВ {post})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="49"/>
        <source>added admin &apos;{name}&apos;</source>
        <translation>добавлена учётная запись администратора &apos;{name}&apos;</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="49"/>
        <source>added supervisor &apos;{name}&apos;</source>
        <translation>добавлена учётная запись старшего смены &apos;{name}&apos;</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="50"/>
        <source>added operator &apos;{name}&apos;</source>
        <translation>добавлена учётная запись оператора &apos;{name}&apos;</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="55"/>
        <source>password of &apos;{name}&apos; changed</source>
        <translation>пароль учётной записи &apos;{name}&apos; изменён</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="58"/>
        <source>&apos;{name}&apos; disabled</source>
        <translation>учётная запись &apos;{name}&apos; отключена</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="60"/>
        <source>&apos;{name}&apos; enabled</source>
        <translation>учётная запись &apos;{name}&apos; включена</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="63"/>
        <source>&apos;{name}&apos; is now an admin</source>
        <translation>&apos;{name}&apos; теперь администратор</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="63"/>
        <source>&apos;{name}&apos; is now a supervisor</source>
        <translation>&apos;{name}&apos; теперь старший смены</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="64"/>
        <source>&apos;{name}&apos; is now an operator</source>
        <translation>&apos;{name}&apos; теперь оператор</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="66"/>
        <source>&apos;{name}&apos; is now an admin at post {post}</source>
        <translation>&apos;{name}&apos; теперь администратор ОПВ {post}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="67"/>
        <source>&apos;{name}&apos; is now a supervisor at post {post}</source>
        <translation>&apos;{name}&apos; теперь старший смены ОПВ {post}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="68"/>
        <source>&apos;{name}&apos; is now an operator at post {post}</source>
        <translation>&apos;{name}&apos; теперь оператор ОПВ {post}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="83"/>
        <source>This installation is post {post}: its accounts come from the situation centre with each bundle, so add the account there. To add an account of this post only, which the centre will not know, use --local.</source>
        <translation>Эта установка — ОПВ {post}: её учётные записи приходят из ситуационного центра с каждым пакетом данных, поэтому добавьте учётную запись там. Чтобы добавить учётную запись только этого ОПВ, о которой центр не узнает, используйте --local.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="92"/>
        <source>No password was given on standard input.</source>
        <translation>Пароль не передан на стандартный ввод.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="95"/>
        <source>There is no terminal to ask for the password: pipe it in with --password-stdin.</source>
        <translation>Нет терминала, чтобы запросить пароль: передайте его через --password-stdin.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="96"/>
        <source>New password: </source>
        <translation>Новый пароль: </translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="97"/>
        <source>Repeat it: </source>
        <translation>Повторите его: </translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="98"/>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>Пароли не совпадают; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="102"/>
        <source>disabled</source>
        <translation>отключена</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="102"/>
        <source>no password</source>
        <translation>без пароля</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="102"/>
        <source>active</source>
        <translation>активна</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="107"/>
        <source>user</source>
        <translation>пользователь</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="107"/>
        <source>role</source>
        <translation>роль</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="107"/>
        <source>post</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="107"/>
        <source>status</source>
        <translation>состояние</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="113"/>
        <source>locked until {time} UTC</source>
        <translation>заблокирована до {time} UTC</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="23"/>
        <source>write a signed statement of the audit trail&apos;s head (row number and hash) to FILE, to keep outside the database (printed, mailed, on another machine); &apos;audit verify --anchor FILE&apos; later shows whether the trail still extends it. Signed with the installation&apos;s key when it has one.</source>
        <translation>записать в ФАЙЛ подписанное заявление о последней записи журнала аудита (номер и хеш), чтобы хранить его вне базы данных (на бумаге, в почте, на другом компьютере); позже &apos;audit verify --anchor ФАЙЛ&apos; покажет, продолжает ли его журнал. Подписывается ключом установки, если он есть.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="26"/>
        <source>check the audit trail&apos;s hash chain (exit 1 at the first broken row); with --anchor, also that it still extends a saved anchor: not cut, not rewritten, no rows added afterwards with earlier dates</source>
        <translation>проверить цепочку хешей журнала аудита (код 1 на первой нарушенной записи); с --anchor — также, что он продолжает сохранённый якорь: не обрезан, не переписан, без записей, добавленных позже с более ранними датами</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="32"/>
        <source>the audit trail: verify it, anchor its head</source>
        <translation>журнал аудита: проверить, закрепить якорем последнюю запись</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="36"/>
        <source>an anchor file written by &apos;sitcentre audit anchor&apos;</source>
        <translation>файл якоря, записанный &apos;sitcentre audit anchor&apos;</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="38"/>
        <source>the anchor file to write (JSON)</source>
        <translation>файл якоря для записи (JSON)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="39"/>
        <source>replace FILE if it exists</source>
        <translation>заменить ФАЙЛ, если он существует</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="52"/>
        <source>sitcentre: {problem} (with --replace).</source>
        <translation>sitcentre: {problem} (замените его параметром --replace).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="66"/>
        <location filename="../../sitcentre/cli_users.py" line="125"/>
        <source>audit trail intact: {rows} rows</source>
        <translation>журнал аудита не нарушен, записей: {rows}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="68"/>
        <location filename="../../sitcentre/cli_users.py" line="127"/>
        <source>audit trail intact: {rows} rows, last row {row} ({hash})</source>
        <translation>журнал аудита не нарушен, записей: {rows}, последняя запись {row} ({hash})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="71"/>
        <location filename="../../sitcentre/cli_users.py" line="130"/>
        <source>audit trail BROKEN at row {row}: the row was changed, or the row before it was changed or removed ({rows} rows before it are intact)</source>
        <translation>журнал аудита НАРУШЕН в записи {row}: запись изменена, или изменена или удалена запись перед ней (записей до неё без нарушений: {rows})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="83"/>
        <source>{path}: audit anchor of row #{row} (1 row), hash {hash}, signed with key {key}</source>
        <translation>{path}: якорь журнала аудита на записи №{row} (записей: 1), хеш {hash}, подписан ключом {key}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="85"/>
        <source>{path}: audit anchor of row #{row} ({rows} rows), hash {hash}, signed with key {key}</source>
        <translation>{path}: якорь журнала аудита на записи №{row} (записей: {rows}), хеш {hash}, подписан ключом {key}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="87"/>
        <source>{path}: audit anchor of row #{row} (1 row), hash {hash}, NOT signed (this installation has no signing key: &apos;sitcentre install init&apos; makes one)</source>
        <translation>{path}: якорь журнала аудита на записи №{row} (записей: 1), хеш {hash}, НЕ подписан (у этой установки нет ключа подписи: его создаёт &apos;sitcentre install init&apos;)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="90"/>
        <source>{path}: audit anchor of row #{row} ({rows} rows), hash {hash}, NOT signed (this installation has no signing key: &apos;sitcentre install init&apos; makes one)</source>
        <translation>{path}: якорь журнала аудита на записи №{row} (записей: {rows}), хеш {hash}, НЕ подписан (у этой установки нет ключа подписи: его создаёт &apos;sitcentre install init&apos;)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="102"/>
        <source>note: {note}</source>
        <translation>примечание: {note}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="106"/>
        <source>the anchor {path} is refused: {problem}</source>
        <translation>якорь {path} отклонён: {problem}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="108"/>
        <source>audit trail does NOT extend the anchor {path}: {problem}</source>
        <translation>журнал аудита НЕ продолжает якорь {path}: {problem}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="110"/>
        <source>also: {problem}</source>
        <translation>также: {problem}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_audit.py" line="118"/>
        <source>audit trail intact: {rows} rows, last row {row} ({hash}); it extends the anchor of {anchor}</source>
        <translation>журнал аудита не нарушен, записей: {rows}, последняя запись {row} ({hash}); он продолжает якорь ({anchor})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_users.py" line="152"/>
        <source>The database login &apos;{login}&apos; is not the login of any account of this database, so it cannot manage accounts. Connect with your own login (&apos;{prefix}.&lt;your user name&gt;&apos;) or, for the first administrator, with the owner&apos;s address.</source>
        <translation>Логин базы данных &apos;{login}&apos; не принадлежит ни одной учётной записи этой базы данных, поэтому с ним нельзя управлять учётными записями. Подключитесь со своим логином (&apos;{prefix}.&lt;ваше имя пользователя&gt;&apos;) или, для первого администратора, по адресу владельца.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/engine.py" line="77"/>
        <source>The connection to the database server {servers} is not protected by a checked TLS certificate: passwords and data could be read or changed on the network. Ask the administrator for the server&apos;s CA file and add ?sslmode=verify-full&amp;sslrootcert=/path/to/ca.pem to the address.</source>
        <translation>Соединение с сервером базы данных {servers} не защищено проверенным сертификатом TLS: пароли и данные могут быть прочитаны или изменены в сети. Попросите у администратора файл CA сервера и добавьте к адресу ?sslmode=verify-full&amp;sslrootcert=/path/to/ca.pem.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/engine.py" line="148"/>
        <source>no database at {path} (it is a folder)</source>
        <translation>базы данных нет по пути {path} (это папка)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/engine.py" line="149"/>
        <source>no database at {path}; run &apos;sitcentre db upgrade&apos; to create one</source>
        <translation>базы данных нет по пути {path}; чтобы создать её, выполните &apos;sitcentre db upgrade&apos;</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="36"/>
        <source>import incident logs or published statistics from a spreadsheet</source>
        <translation>загрузить журналы инцидентов или опубликованную статистику из таблицы</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="37"/>
        <source>a .csv, .txt or .xlsx file</source>
        <translation>файл .csv, .txt или .xlsx</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="39"/>
        <source>the column and value mapping (saved by the app&apos;s import wizard)</source>
        <translation>сопоставление столбцов и значений (сохраняется мастером загрузки в приложении)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="41"/>
        <source>what the file holds; refused when the mapping says otherwise</source>
        <translation>что содержит файл; отклоняется, если сопоставление говорит иное</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="42"/>
        <source>check every row and say what would be imported</source>
        <translation>проверить каждую строку и сообщить, что будет загружено</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="43"/>
        <source>write the rows not imported and why (CSV)</source>
        <translation>записать незагруженные строки с причинами (CSV)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="44"/>
        <source>replace the --rejected file if it exists</source>
        <translation>заменить файл --rejected, если он существует</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="45"/>
        <source>import rows that repeat an earlier row</source>
        <translation>загружать строки, повторяющие более раннюю строку</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="47"/>
        <source>import incidents that look like one already recorded</source>
        <translation>загружать инциденты, похожие на уже зарегистрированные</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="60"/>
        <source>sitcentre: {path} already exists (use --force to replace it)</source>
        <translation>sitcentre: {path} уже существует (чтобы заменить его, используйте --force)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="67"/>
        <source>sitcentre: the mapping {mapping} is for incidents, not statistics</source>
        <translation>sitcentre: сопоставление {mapping} предназначено для инцидентов, а не для статистики</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="69"/>
        <source>sitcentre: the mapping {mapping} is for statistics, not incidents</source>
        <translation>sitcentre: сопоставление {mapping} предназначено для статистики, а не для инцидентов</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="86"/>
        <source>row {row}: {problem}</source>
        <translation>строка {row}: {problem}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="90"/>
        <source>... and 1 more row</source>
        <translation>... и ещё строк: 1</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="90"/>
        <source>... and {more} more rows</source>
        <translation>... и ещё строк: {more}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="92"/>
        <source>... and 1 more row (--rejected FILE writes them all)</source>
        <translation>... и ещё строк: 1 (--rejected ФАЙЛ записывает их все)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="94"/>
        <source>... and {more} more rows (--rejected FILE writes them all)</source>
        <translation>... и ещё строк: {more} (--rejected ФАЙЛ записывает их все)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="98"/>
        <source>Rows not imported: {path}</source>
        <translation>Незагруженные строки: {path}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="109"/>
        <source>{file}: {added} incidents would be imported, {present} already present, {skipped} skipped, {rejected} rejected (of {rows} rows)</source>
        <translation>{file}: инцидентов будет загружено: {added}, уже есть: {present}, пропущено: {skipped}, отклонено: {rejected} (строк: {rows})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="111"/>
        <source>{file}: {added} incidents imported, {present} already present, {skipped} skipped, {rejected} rejected (of {rows} rows)</source>
        <translation>{file}: инцидентов загружено: {added}, уже есть: {present}, пропущено: {skipped}, отклонено: {rejected} (строк: {rows})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="114"/>
        <source>{file}: {added} published figures would be imported, {present} already present, {skipped} skipped, {rejected} rejected (of {rows} rows)</source>
        <translation>{file}: опубликованных показателей будет загружено: {added}, уже есть: {present}, пропущено: {skipped}, отклонено: {rejected} (строк: {rows})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="116"/>
        <source>{file}: {added} published figures imported, {present} already present, {skipped} skipped, {rejected} rejected (of {rows} rows)</source>
        <translation>{file}: опубликованных показателей загружено: {added}, уже есть: {present}, пропущено: {skipped}, отклонено: {rejected} (строк: {rows})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="119"/>
        <source>{file}: incidents that would be imported: {added}, already present: {present}, skipped: {skipped}, rejected: {rejected}, rows: {rows}</source>
        <translation>{file}: инцидентов будет загружено: {added}, уже есть: {present}, пропущено: {skipped}, отклонено: {rejected} (строк: {rows})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="121"/>
        <source>{file}: incidents imported: {added}, already present: {present}, skipped: {skipped}, rejected: {rejected}, rows: {rows}</source>
        <translation>{file}: инцидентов загружено: {added}, уже есть: {present}, пропущено: {skipped}, отклонено: {rejected} (строк: {rows})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="124"/>
        <source>{file}: published figures that would be imported: {added}, already present: {present}, skipped: {skipped}, rejected: {rejected}, rows: {rows}</source>
        <translation>{file}: опубликованных показателей будет загружено: {added}, уже есть: {present}, пропущено: {skipped}, отклонено: {rejected} (строк: {rows})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="126"/>
        <source>{file}: published figures imported: {added}, already present: {present}, skipped: {skipped}, rejected: {rejected}, rows: {rows}</source>
        <translation>{file}: опубликованных показателей загружено: {added}, уже есть: {present}, пропущено: {skipped}, отклонено: {rejected} (строк: {rows})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="135"/>
        <source>reading {done} rows...</source>
        <translation>чтение, строк: {done}...</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="135"/>
        <source>reading {done} of {total} rows...</source>
        <translation>чтение, строк: {done} из {total}...</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="137"/>
        <source>writing {done} rows...</source>
        <translation>запись, строк: {done}...</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="137"/>
        <source>writing {done} of {total} rows...</source>
        <translation>запись, строк: {done} из {total}...</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="139"/>
        <source>{phase} {done} rows...</source>
        <translation>{phase}, строк: {done}...</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_import.py" line="139"/>
        <source>{phase} {done} of {total} rows...</source>
        <translation>{phase}, строк: {done} из {total}...</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="22"/>
        <source>change bundles: export for another installation, import one</source>
        <translation>пакеты данных: выгрузка для другой установки, загрузка</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="25"/>
        <source>write the changes another installation has not confirmed yet</source>
        <translation>записать изменения, которые другая установка ещё не подтвердила</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="26"/>
        <source>the recipient&apos;s origin code</source>
        <translation>код источника получателя</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="28"/>
        <source>the bundle file, or a folder to write it into under its usual name</source>
        <translation>файл пакета данных или папка, куда записать его под обычным именем</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="30"/>
        <source>only what was not in the last bundle (smaller; the default repeats all unconfirmed)</source>
        <translation>только то, чего не было в прошлом пакете (меньше; по умолчанию повторяется всё неподтверждённое)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="31"/>
        <location filename="../../sitcentre/cli_install.py" line="38"/>
        <location filename="../../sitcentre/cli_keys.py" line="34"/>
        <source>replace the file if it exists</source>
        <translation>заменить файл, если он существует</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="32"/>
        <source>import a bundle file</source>
        <translation>загрузить файл пакета данных</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="34"/>
        <source>list received changes held or failed, with the reason</source>
        <translation>список отложенных или не применённых полученных изменений с причиной</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="60"/>
        <source>bundle:  {path}</source>
        <translation>пакет данных: {path}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="61"/>
        <source>for:     {recipient}</source>
        <translation>для:          {recipient}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="63"/>
        <source>entries: nothing new since the last bundle (acknowledgements only; next entry {next})</source>
        <translation>записи:       ничего нового с прошлого пакета (только подтверждения; следующая запись {next})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle.py" line="67"/>
        <source>entries: {first}-{last} ({entries}: {counts})</source>
        <translation>записи:       {first}-{last} ({entries}: {counts})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle_import.py" line="46"/>
        <source>sitcentre: the file was kept in {folder}</source>
        <translation>sitcentre: файл сохранён в {folder}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle_import.py" line="51"/>
        <source>error: record {record}: {reason}</source>
        <translation>ошибка: запись {record}: {reason}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle_import.py" line="53"/>
        <source>error: record (no id): {reason}</source>
        <translation>ошибка: запись (без id): {reason}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle_import.py" line="55"/>
        <source>This installation&apos;s feed started a new epoch: the centre had seen more of it than this database holds (was it restored from a backup?).</source>
        <translation>Поток изменений этой установки начал новую эпоху: центр видел из него больше, чем есть в этой базе данных (её восстановили из резервной копии?).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle_import.py" line="65"/>
        <source>No received change is waiting: everything received was applied.</source>
        <translation>Ожидающих полученных изменений нет: всё полученное применено.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle_import.py" line="68"/>
        <source>{held} held (waiting for an earlier version), {failed} failed (sent again, retried):</source>
        <translation>отложено (ждут более ранней версии): {held}, не применено (присланы снова, повторяются): {failed}:</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_bundle_import.py" line="70"/>
        <source>no reason kept</source>
        <translation>причина не сохранена</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="28"/>
        <source>parallel edit (merged)</source>
        <translation>параллельная правка (объединена)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="28"/>
        <source>conflict</source>
        <translation>конфликт версий</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="28"/>
        <source>delete vs edit</source>
        <translation>удаление против правки</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="29"/>
        <source>created twice</source>
        <translation>создан дважды</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="29"/>
        <source>conflict (no common version)</source>
        <translation>конфликт версий (нет общей версии)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="30"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="30"/>
        <source>KIND</source>
        <translation>ВИД</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="30"/>
        <source>INCIDENT</source>
        <translation>ИНЦИДЕНТ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="30"/>
        <location filename="../../sitcentre/cli_conflicts.py" line="31"/>
        <source>POST</source>
        <translation>ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="30"/>
        <source>FROM</source>
        <translation>ОТКУДА</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="30"/>
        <source>FIELDS</source>
        <translation>ПОЛЯ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="30"/>
        <source>DETECTED</source>
        <translation>ОБНАРУЖЕН</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="31"/>
        <source>FIELD</source>
        <translation>ПОЛЕ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="31"/>
        <source>BASE</source>
        <translation>ОБЩАЯ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="31"/>
        <source>CENTRE</source>
        <translation>ЦЕНТР</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="36"/>
        <source>conflicting edits from other installations</source>
        <translation>конфликтующие правки других установок</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="39"/>
        <source>open conflicts and parallel-edit flags</source>
        <translation>открытые конфликты версий и отметки параллельных правок</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="40"/>
        <source>also the resolved and dismissed ones</source>
        <translation>также разрешённые и снятые</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="41"/>
        <source>one conflict, field by field</source>
        <translation>один конфликт версий, поле за полем</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="42"/>
        <source>resolve a conflict (a new version with both as parents)</source>
        <translation>разрешить конфликт версий (новая версия с обеими версиями в качестве родительских)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="45"/>
        <source>centre, post, or FIELD=centre|post per field (a parallel flag: dismiss)</source>
        <translation>centre, post или ПОЛЕ=centre|post для каждого поля (отметка параллельной правки: dismiss)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="60"/>
        <source>no conflicts</source>
        <translation>конфликтов версий нет</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="60"/>
        <source>no open conflicts</source>
        <translation>открытых конфликтов версий нет</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="62"/>
        <source>STATUS</source>
        <translation>СОСТОЯНИЕ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="76"/>
        <source>conflict {id}: {kind}, incident {number} ({post}), {status}</source>
        <translation>конфликт {id}: {kind}, инцидент {number} ({post}), {status}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="78"/>
        <source>conflict {id}: {kind}, incident {number} (post unknown), {status}</source>
        <translation>конфликт {id}: {kind}, инцидент {number} (ОПВ неизвестен), {status}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="81"/>
        <source>detected {when}; the other side: {origin}</source>
        <translation>обнаружен {when}; другая сторона: {origin}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="83"/>
        <source>detected {when}; the other side: unknown</source>
        <translation>обнаружен {when}; другая сторона неизвестна</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="84"/>
        <source>centre:</source>
        <translation>центр:</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="84"/>
        <source>post:</source>
        <translation>ОПВ:</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="87"/>
        <source>none (no common version known here)</source>
        <translation>нет (общая версия здесь неизвестна)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="88"/>
        <source>base:</source>
        <translation>общая:</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="91"/>
        <source>note: the incident has changed here since (now {rev}): resolving will bring the conflict up to date first</source>
        <translation>примечание: инцидент с тех пор изменён здесь (теперь {rev}): при разрешении конфликт сначала будет обновлён</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="94"/>
        <source>note: the incident has changed here since (now deleted): resolving will bring the conflict up to date first</source>
        <translation>примечание: инцидент с тех пор удалён здесь: при разрешении конфликт сначала будет обновлён</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="97"/>
        <source>no field differs</source>
        <translation>ни одно поле не различается</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="99"/>
        <source>&lt;- conflict</source>
        <translation>&lt;- конфликт</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="108"/>
        <source>the centre resolves this conflict; its choice comes back with its next bundle</source>
        <translation>этот конфликт разрешает центр; его решение придёт со следующим пакетом данных</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="110"/>
        <source>resolve: sitcentre conflicts resolve {id} --take centre|post|FIELD=centre|post ...</source>
        <translation>разрешить: sitcentre conflicts resolve {id} --take centre|post|ПОЛЕ=centre|post ...</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="112"/>
        <source>dismiss: sitcentre conflicts resolve {id} --take dismiss</source>
        <translation>снять отметку: sitcentre conflicts resolve {id} --take dismiss</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="122"/>
        <source>conflict {id} dismissed</source>
        <translation>конфликт {id} снят</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="132"/>
        <source>sitcentre: &apos;{item}&apos;: give centre, post, dismiss, or FIELD=centre|post for each field</source>
        <translation>sitcentre: &apos;{item}&apos;: укажите centre, post, dismiss или ПОЛЕ=centre|post для каждого поля</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="137"/>
        <source>conflict {id} resolved: new version {rev} (goes back to the post with the next bundle)</source>
        <translation>конфликт {id} разрешён: новая версия {rev} (уйдёт на ОПВ со следующим пакетом данных)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="148"/>
        <source>open</source>
        <translation>открыт</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="150"/>
        <source>dismissed by {who} {when}</source>
        <translation>снят: {who} {when}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="152"/>
        <source>resolved by {who} {when}</source>
        <translation>разрешён: {who} {when}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="154"/>
        <source>{status} by {who} {when}</source>
        <translation>{status}: {who} {when}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="162"/>
        <source>{rev}  deleted by {author} at {origin}, device time {device_time}, received {received}</source>
        <translation>{rev}  удалено: {author} в {origin}, время устройства {device_time}, получено {received}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="164"/>
        <source>{rev}  deleted by {author} at {origin}, device time {device_time}</source>
        <translation>{rev}  удалено: {author} в {origin}, время устройства {device_time}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="166"/>
        <source>{rev}  version by {author} at {origin}, device time {device_time}, received {received}</source>
        <translation>{rev}  версия: {author} в {origin}, время устройства {device_time}, получено {received}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="168"/>
        <source>{rev}  version by {author} at {origin}, device time {device_time}</source>
        <translation>{rev}  версия: {author} в {origin}, время устройства {device_time}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_conflicts.py" line="169"/>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="22"/>
        <source>this installation: post or centre, and its origin code</source>
        <translation>эта установка: ОПВ или центр и её код источника</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="25"/>
        <source>set the role and the origin code written into new incident numbers</source>
        <translation>задать роль и код источника, который пишется в номера новых инцидентов</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="28"/>
        <source>a post&apos;s code at a post (e.g. KZ-KOR); a short code at a centre (e.g. C)</source>
        <translation>код ОПВ на ОПВ (например, KZ-KOR); короткий код в центре (например, C)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="30"/>
        <source>change the origin code even though incidents were already numbered with it</source>
        <translation>изменить код источника, хотя инциденты уже пронумерованы с ним</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="32"/>
        <source>at a new post: the seed bundle from its centre (reference data, accounts, the centre&apos;s key); its fingerprint is shown and asked</source>
        <translation>на новом ОПВ: начальный пакет от его центра (справочные данные, учётные записи, ключ центра); отпечаток ключа показывается и запрашивается подтверждение</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="34"/>
        <source>with --seed: do not ask (the fingerprint was checked)</source>
        <translation>с --seed: не спрашивать (отпечаток ключа проверен)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="35"/>
        <source>at a centre: write the seed bundle that sets up a post&apos;s installation</source>
        <translation>в центре: записать начальный пакет, который настраивает установку ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="37"/>
        <source>the file, or a folder to write it into</source>
        <translation>файл или папка, куда его записать</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="39"/>
        <source>show the role, the origin code, the signing key and the feed epoch</source>
        <translation>показать роль, код источника, ключ подписи и эпоху потока изменений</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="40"/>
        <source>at a centre: another country&apos;s centre or the regional centre to exchange with, and the sharing policy for it (no --origin: list the peers)</source>
        <translation>в центре: центр другой страны или региональный центр для обмена и правило обмена для него (без --origin: список партнёров)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="42"/>
        <source>the peer centre&apos;s origin code, as in its key file</source>
        <translation>код источника партнёрского центра, как в его файле ключа</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="43"/>
        <source>the sharing policy: what leaves for that peer (default regional-default: verified incidents without personal data, alerts across the border)</source>
        <translation>правило обмена: что уходит этому партнёру (по умолчанию regional-default: подтверждённые инциденты без персональных данных, оповещения через границу)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="45"/>
        <source>start a new feed epoch: run this after restoring this database from a backup</source>
        <translation>начать новую эпоху потока изменений: выполните после восстановления этой базы данных из резервной копии</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="47"/>
        <source>recorded in the audit trail</source>
        <translation>записывается в журнал аудита</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="66"/>
        <source>this installation is now a centre, origin code {origin}</source>
        <translation>эта установка теперь центр, код источника {origin}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="68"/>
        <source>this installation is now a post, origin code {origin}</source>
        <translation>эта установка теперь ОПВ, код источника {origin}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="70"/>
        <source>this installation is now a {role}, origin code {origin}</source>
        <translation>роль этой установки теперь {role}, код источника {origin}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="72"/>
        <location filename="../../sitcentre/cli_install.py" line="194"/>
        <source>signing key {key}, fingerprint {fingerprint}</source>
        <translation>ключ подписи {key}, отпечаток ключа {fingerprint}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="78"/>
        <source>no installation recorded yet: run &apos;sitcentre install init&apos;</source>
        <translation>установка ещё не записана: выполните &apos;sitcentre install init&apos;</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="80"/>
        <source>role:      {role}</source>
        <translation>роль:        {role}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="81"/>
        <source>origin:    {origin}</source>
        <translation>источник:    {origin}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="82"/>
        <source>id:        {id}</source>
        <translation>id:          {id}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="83"/>
        <source>numbered:  {count} incidents with this origin</source>
        <translation>нумерация:   инцидентов с этим источником: {count}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="85"/>
        <source>epoch:     {epoch}</source>
        <translation>эпоха:       {epoch}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="87"/>
        <source>epoch:     none yet</source>
        <translation>эпоха:       пока нет</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="89"/>
        <source>key id:    {key}</source>
        <translation>id ключа:    {key}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="90"/>
        <location filename="../../sitcentre/cli_install.py" line="181"/>
        <location filename="../../sitcentre/cli_keys.py" line="59"/>
        <location filename="../../sitcentre/cli_keys.py" line="78"/>
        <source>fingerprint: {fingerprint}</source>
        <translation>отпечаток ключа: {fingerprint}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="92"/>
        <source>key id:    none yet: run &apos;sitcentre install init --role ... --origin ...&apos; to make the signing key</source>
        <translation>id ключа:    пока нет: выполните &apos;sitcentre install init --role ... --origin ...&apos;, чтобы создать ключ подписи</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="102"/>
        <source>(switched off)</source>
        <translation>(отключён)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="106"/>
        <source>no peer centres: &apos;sitcentre install peer --origin CODE [--policy NAME]&apos; adds one</source>
        <translation>партнёрских центров нет: &apos;sitcentre install peer --origin КОД [--policy ИМЯ]&apos; добавляет центр</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="113"/>
        <source>{origin} is a peer centre: bundles for it carry what sharing policy {policy} v{version} releases</source>
        <translation>{origin} — партнёрский центр: пакеты данных для него несут то, что разрешает правило обмена {policy} v{version}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="115"/>
        <source>Trust its key (&apos;sitcentre keys trust FILE&apos;), then &apos;sitcentre bundle export --to {origin} ...&apos;.</source>
        <translation>Доверьтесь его ключу (&apos;sitcentre keys trust ФАЙЛ&apos;), затем &apos;sitcentre bundle export --to {origin} ...&apos;.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="129"/>
        <source>new feed epoch {epoch}: the next bundle starts a new feed, and the centre sends back this installation&apos;s records as it holds them; new incident numbers go on from the next thousand, so none given since the backup is given again</source>
        <translation>новая эпоха потока изменений {epoch}: следующий пакет данных начинает новый поток, а центр вернёт записи этой установки в том виде, в каком они есть у него; новые номера инцидентов продолжатся со следующей тысячи, так что ни один номер, выданный после резервной копии, не будет выдан снова</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="145"/>
        <source>seed bundle for {post} written to {path}</source>
        <translation>начальный пакет для {post} записан в {path}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="147"/>
        <source>Read this fingerprint out to the post when it sets up: {fingerprint}</source>
        <translation>Продиктуйте этот отпечаток ключа ОПВ при его настройке: {fingerprint}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="163"/>
        <source>sitcentre: --seed sets up a post: use --role post</source>
        <translation>sitcentre: --seed настраивает ОПВ: используйте --role post</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="168"/>
        <source>{path} is far too large to be a seed bundle.</source>
        <translation>{path} слишком велик для начального пакета.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="171"/>
        <source>sitcentre: cannot read {path}: {reason}</source>
        <translation>sitcentre: не удаётся прочитать {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="179"/>
        <source>seed from:   {origin} (situation centre)</source>
        <translation>пакет от:    {origin} (ситуационный центр)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="180"/>
        <location filename="../../sitcentre/cli_keys.py" line="58"/>
        <location filename="../../sitcentre/cli_keys.py" line="77"/>
        <source>key id:      {key}</source>
        <translation>id ключа:    {key}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="182"/>
        <location filename="../../sitcentre/cli_keys.py" line="84"/>
        <source>Does this fingerprint match the one read out by {origin}? [y/N] </source>
        <translation>Совпадает ли этот отпечаток ключа с продиктованным {origin}? [y/N] </translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="191"/>
        <source>sitcentre: this seed cannot be used: {problem}</source>
        <translation>sitcentre: этот начальный пакет нельзя использовать: {problem}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="193"/>
        <source>this installation is now post {origin}, set up from its centre&apos;s seed</source>
        <translation>эта установка теперь ОПВ {origin}, настроенный из начального пакета своего центра</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_install.py" line="195"/>
        <source>Next: &apos;sitcentre keys export --out FILE&apos; and send the file to the centre; read it this fingerprint.</source>
        <translation>Далее: &apos;sitcentre keys export --out ФАЙЛ&apos; и отправьте файл в центр; продиктуйте ему этот отпечаток ключа.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="23"/>
        <source>waiting for confirmation</source>
        <translation>ждёт подтверждения</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="23"/>
        <source>trusted</source>
        <translation>доверенный</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="23"/>
        <source>revoked</source>
        <translation>отозван</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="24"/>
        <source>KEY ID</source>
        <translation>ID КЛЮЧА</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="24"/>
        <source>ORIGIN</source>
        <translation>ИСТОЧНИК</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="24"/>
        <source>ROLE</source>
        <translation>РОЛЬ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="24"/>
        <source>STATE</source>
        <translation>СОСТОЯНИЕ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="24"/>
        <source>FINGERPRINT</source>
        <translation>ОТПЕЧАТОК</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="24"/>
        <source>FIRST SEEN</source>
        <translation>ВПЕРВЫЕ ПОЛУЧЕН</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="24"/>
        <source>DECIDED</source>
        <translation>РЕШЕНИЕ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="29"/>
        <source>signing keys: this installation&apos;s, and the ones it trusts</source>
        <translation>ключи подписи: этой установки и те, которым она доверяет</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="32"/>
        <source>write this installation&apos;s public key to a file</source>
        <translation>записать открытый ключ этой установки в файл</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="35"/>
        <source>trust another installation&apos;s key (shows its fingerprint, asks)</source>
        <translation>доверять ключу другой установки (показывает отпечаток ключа и спрашивает)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="36"/>
        <source>a key file (keys export) or a bundle signed with the key</source>
        <translation>файл ключа (keys export) или пакет данных, подписанный этим ключом</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="37"/>
        <source>do not ask (the fingerprint was checked already)</source>
        <translation>не спрашивать (отпечаток ключа уже проверен)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="38"/>
        <source>revoke a key: bundles signed with it are refused</source>
        <translation>отозвать ключ: пакеты данных, подписанные им, отклоняются</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="41"/>
        <source>list the keys: trusted, waiting for confirmation, revoked</source>
        <translation>список ключей: доверенные, ждущие подтверждения, отозванные</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="56"/>
        <source>key file:    {path}</source>
        <translation>файл ключа:  {path}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="57"/>
        <source>origin:      {origin} ({role})</source>
        <translation>источник:    {origin} ({role})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="60"/>
        <source>Send this file to the other installation, and read the fingerprint out to its supervisor by another way (telephone, in person).</source>
        <translation>Отправьте этот файл другой установке и продиктуйте отпечаток ключа её старшему смены другим путём (по телефону, лично).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="71"/>
        <source>key {key} of {origin} ({role}) is already trusted</source>
        <translation>ключу {key} источника {origin} ({role}) уже доверяют</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="75"/>
        <source>origin:      {origin}</source>
        <translation>источник:    {origin}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="76"/>
        <source>role:        {role}</source>
        <translation>роль:        {role}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="80"/>
        <source>note: {origin} already has a trusted {role} key {key}; trusting this one too is a key rotation (revoke the old key with &apos;sitcentre keys revoke {key}&apos; once it is no longer used).</source>
        <translation>примечание: у {origin} уже есть доверенный ключ ({role}) {key}; доверие и этому ключу — смена ключа (отзовите старый ключ командой &apos;sitcentre keys revoke {key}&apos;, когда он больше не используется).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="86"/>
        <source>sitcentre: not trusted: key {key} of {origin} stays waiting for confirmation.</source>
        <translation>sitcentre: доверие не установлено: ключ {key} источника {origin} по-прежнему ждёт подтверждения.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="90"/>
        <source>key {key} of {origin} ({role}) is trusted</source>
        <translation>ключу {key} источника {origin} ({role}) теперь доверяют</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="106"/>
        <source>key {key} of {origin} ({role}) is revoked: bundles signed with it are refused</source>
        <translation>ключ {key} источника {origin} ({role}) отозван: пакеты данных, подписанные им, отклоняются</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="114"/>
        <source>no keys of other installations recorded yet (&apos;sitcentre keys trust FILE&apos; adds one)</source>
        <translation>ключей других установок пока нет (&apos;sitcentre keys trust ФАЙЛ&apos; добавляет ключ)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="134"/>
        <source>{when} by {who} ({reason})</source>
        <translation>{when}, {who} ({reason})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_keys.py" line="136"/>
        <source>{when} by {who}</source>
        <translation>{when}, {who}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_roles.py" line="30"/>
        <source>PostgreSQL: create the owner and group roles, move ownership, give every account its own login (run with a superuser&apos;s address)</source>
        <translation>PostgreSQL: создать роль владельца и групповые роли, передать владение, дать каждой учётной записи свой логин (выполнять с адресом суперпользователя)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_roles.py" line="33"/>
        <source>write the accounts&apos; one-time passwords here (mode 0600; refused if it exists); without it they are printed once</source>
        <translation>записать сюда одноразовые пароли учётных записей (режим 0600; отказ, если файл существует); без этого они печатаются один раз</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_roles.py" line="36"/>
        <source>take the old shared login&apos;s privileges away and make it NOLOGIN</source>
        <translation>отнять права у старого общего логина и сделать его NOLOGIN</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_roles.py" line="64"/>
        <source>cannot write {path} ({reason}): nothing was changed.</source>
        <translation>не удаётся записать {path} ({reason}): ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_roles.py" line="74"/>
        <source>{where}: already secured, nothing changed</source>
        <translation>{where}: уже защищена, ничего не изменено</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_roles.py" line="77"/>
        <source>{where}: secured (role prefix {prefix}): role changes: {roles}, objects now owned by {owner}: {objects}, logins made: {made}, logins corrected: {fixed}, the shared login {shared} disabled</source>
        <translation>{where}: защищена (префикс ролей {prefix}): изменений ролей: {roles}, объектов теперь во владении {owner}: {objects}, создано логинов: {made}, исправлено логинов: {fixed}, общий логин {shared} отключён</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_roles.py" line="80"/>
        <source>{where}: secured (role prefix {prefix}): role changes: {roles}, objects now owned by {owner}: {objects}, logins made: {made}, logins corrected: {fixed}</source>
        <translation>{where}: защищена (префикс ролей {prefix}): изменений ролей: {roles}, объектов теперь во владении {owner}: {objects}, создано логинов: {made}, исправлено логинов: {fixed}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_roles.py" line="88"/>
        <source>the one-time passwords are in {path}: hand each to its person; each sets their own at the next sign-in</source>
        <translation>одноразовые пароли записаны в {path}: передайте каждый его владельцу; каждый задаст свой пароль при следующем входе</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_roles.py" line="91"/>
        <source>one-time passwords (shown once; each person sets their own at the next sign-in):</source>
        <translation>одноразовые пароли (показываются один раз; каждый задаст свой пароль при следующем входе):</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="29"/>
        <source>run the centre&apos;s HTTPS endpoint for posts to sync with</source>
        <translation>запустить HTTPS-сервер центра для синхронизации ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="31"/>
        <source>the centre&apos;s database (as the global --db)</source>
        <translation>база данных центра (как глобальный --db)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="33"/>
        <source>address and port to listen on, e.g. 0.0.0.0:8443</source>
        <translation>адрес и порт для приёма соединений, например 0.0.0.0:8443</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="34"/>
        <source>the server&apos;s TLS certificate (PEM)</source>
        <translation>сертификат TLS сервера (PEM)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="35"/>
        <source>its private key (PEM)</source>
        <translation>его закрытый ключ (PEM)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="37"/>
        <source>folder for partial uploads and refused bundles (default: &lt;data folder&gt;/spool)</source>
        <translation>папка для незавершённых загрузок и отклонённых пакетов (по умолчанию: &lt;папка данных&gt;/spool)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="38"/>
        <source>uploads at once (default 4)</source>
        <translation>одновременных загрузок (по умолчанию 4)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="40"/>
        <source>disk the spool may use, in MB (default 512)</source>
        <translation>место на диске для папки приёма, МБ (по умолчанию 512)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="47"/>
        <source>&apos;{text}&apos; is not HOST:PORT, e.g. 0.0.0.0:8443</source>
        <translation>&apos;{text}&apos; — не ХОСТ:ПОРТ, например 0.0.0.0:8443</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="53"/>
        <source>&apos;{text}&apos; is not a whole number of at least 1</source>
        <translation>&apos;{text}&apos; — не целое число не меньше 1</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="61"/>
        <source>&apos;{text}&apos; is not a number of megabytes</source>
        <translation>&apos;{text}&apos; — не число мегабайт</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="63"/>
        <source>must be more than 0</source>
        <translation>должно быть больше 0</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="83"/>
        <source>this database is the post {post}&apos;s: &apos;serve&apos; runs at a centre</source>
        <translation>это база данных ОПВ {post}: &apos;serve&apos; работает в центре</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="91"/>
        <source>cannot listen on {host}:{port}: {reason}</source>
        <translation>не удаётся принимать соединения на {host}:{port}: {reason}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="97"/>
        <source>cannot use the spool folder {folder}: {reason}</source>
        <translation>не удаётся использовать папку приёма {folder}: {reason}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="105"/>
        <source>the TLS certificate file {path} does not exist</source>
        <translation>файл сертификата TLS {path} не существует</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="107"/>
        <source>the TLS key file {path} does not exist</source>
        <translation>файл ключа TLS {path} не существует</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="112"/>
        <source>the TLS certificate {cert} and key {key} cannot be used together ({reason})</source>
        <translation>сертификат TLS {cert} и ключ {key} нельзя использовать вместе ({reason})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="141"/>
        <source>sitcentre: serving https://{host}:{port} (spool {spool}, at most {uploads} uploads at once, quota {quota} MB); Ctrl+C stops</source>
        <translation>sitcentre: обслуживает https://{host}:{port} (папка приёма {spool}, одновременных загрузок не более {uploads}, квота {quota} МБ); Ctrl+C останавливает</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_serve.py" line="149"/>
        <source>sitcentre: serve stopped</source>
        <translation>sitcentre: serve остановлен</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_sync.py" line="28"/>
        <source>one push-and-pull round with the centre over HTTPS</source>
        <translation>один цикл отправки и получения с центром по HTTPS</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_sync.py" line="29"/>
        <source>the centre&apos;s address, https://HOST:PORT (stored; default: the one stored before)</source>
        <translation>адрес центра, https://ХОСТ:ПОРТ (сохраняется; по умолчанию: сохранённый ранее)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_sync.py" line="31"/>
        <source>the centre&apos;s certificate (PEM) to pin: the only one trusted (stored; default: the one stored before)</source>
        <translation>сертификат центра (PEM) для закрепления: единственный доверенный (сохраняется; по умолчанию: сохранённый ранее)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_sync.py" line="34"/>
        <source>this installation&apos;s database (as &apos;sitcentre --db URL&apos;)</source>
        <translation>база данных этой установки (как &apos;sitcentre --db URL&apos;)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_sync.py" line="49"/>
        <source>sitcentre: give the centre&apos;s address with --centre https://HOST:PORT</source>
        <translation>sitcentre: укажите адрес центра: --centre https://ХОСТ:ПОРТ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/cli_sync.py" line="63"/>
        <source>Next try after {time} UTC.</source>
        <translation>Следующая попытка после {time} UTC.</translation>
    </message>
</context>
</TS>
