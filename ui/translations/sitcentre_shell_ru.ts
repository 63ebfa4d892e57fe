<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../common/messages.py" line="31"/>
        <source>The file could not be written: {0}</source>
        <translation>Не удалось записать файл: {0}</translation>
    </message>
    <message>
        <location filename="../common/messages.py" line="32"/>
        <source>Something went wrong ({kind}: {text}). The details are in the log file.</source>
        <translation>Произошла ошибка ({kind}: {text}). Подробности — в файле журнала.</translation>
    </message>
    <message>
        <location filename="../shell/crash.py" line="45"/>
        <source>sitcentre cannot start</source>
        <translation>sitcentre не удаётся запустить</translation>
    </message>
    <message>
        <location filename="../shell/crash.py" line="52"/>
        <source>Details are in the log file:</source>
        <translation>Подробности — в файле журнала:</translation>
    </message>
    <message>
        <location filename="../shell/crash.py" line="77"/>
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <location filename="../shell/crash.py" line="77"/>
        <source>Something went wrong:</source>
        <translation>Произошла ошибка:</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="53"/>
        <source>system</source>
        <translation>система</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="54"/>
        <source>operator</source>
        <translation>оператор</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="54"/>
        <source>supervisor</source>
        <translation>старший смены</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="54"/>
        <source>administrator</source>
        <translation>администратор</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="55"/>
        <source>read-only</source>
        <translation>только просмотр</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="60"/>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="254"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="256"/>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
</context>
<context>
    <name>ClockMenu</name>
    <message>
        <location filename="../shell/clock_menu.py" line="24"/>
        <source>&amp;Times in</source>
        <translation>&amp;Часовой пояс</translation>
    </message>
    <message>
        <location filename="../shell/clock_menu.py" line="29"/>
        <source>&amp;Centre time ({0})</source>
        <translation>Время &amp;центра ({0})</translation>
    </message>
    <message>
        <location filename="../shell/clock_menu.py" line="30"/>
        <location filename="../shell/clock_menu.py" line="31"/>
        <source>One clock for every post: the list reads in order</source>
        <translation>Одно время для всех ОПВ: список идёт по порядку</translation>
    </message>
    <message>
        <location filename="../shell/clock_menu.py" line="31"/>
        <source>&amp;UTC</source>
        <translation>&amp;UTC</translation>
    </message>
    <message>
        <location filename="../shell/clock_menu.py" line="32"/>
        <source>&amp;Post-local time</source>
        <translation>&amp;Местное время ОПВ</translation>
    </message>
    <message>
        <location filename="../shell/clock_menu.py" line="33"/>
        <source>Each post&apos;s own clock: posts in different time zones do not read in order</source>
        <translation>Своё время каждого ОПВ: у ОПВ в разных часовых поясах список идёт не по порядку</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../shell/login_dialog.py" line="283"/>
        <source>Create the first administrator — sitcentre</source>
        <translation>Создание первого администратора — sitcentre</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="286"/>
        <source>optional, e.g. A. Karimov</source>
        <translation>необязательно, напр. А. Каримов</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="289"/>
        <source>at least {0} characters</source>
        <translation>не менее {0} символов</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="294"/>
        <source>&amp;User name:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="295"/>
        <source>&amp;Full name:</source>
        <translation>&amp;ФИО:</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="296"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="297"/>
        <source>&amp;Repeat password:</source>
        <translation>Пов&amp;тор пароля:</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="303"/>
        <source>&amp;Create and sign in</source>
        <translation>&amp;Создать и войти</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="305"/>
        <source>This database has no user accounts yet. Create the administrator&apos;s account: the administrator then adds the operators&apos; and supervisors&apos; accounts.</source>
        <translation>В этой базе данных ещё нет учётных записей. Создайте учётную запись администратора: затем администратор добавит учётные записи операторов и старших смены.</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="321"/>
        <source>The two passwords are not the same: type the password again.</source>
        <translation>Пароли не совпадают: введите пароль ещё раз.</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="339"/>
        <source>Creating the account…</source>
        <translation>Создание учётной записи…</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../shell/language_menu.py" line="24"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../shell/login_dialog.py" line="240"/>
        <source>Sign in — sitcentre</source>
        <translation>Вход — sitcentre</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="246"/>
        <source>&amp;User name:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="246"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="250"/>
        <source>&amp;Sign in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="252"/>
        <source>Sign in with your own login for this database server.</source>
        <translation>Войдите под своей учётной записью этого сервера баз данных.</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="254"/>
        <source>Sign in with your sitcentre account.</source>
        <translation>Войдите под своей учётной записью sitcentre.</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="264"/>
        <source>Enter your user name and your password.</source>
        <translation>Введите имя пользователя и пароль.</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="268"/>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../shell/main_window.py" line="55"/>
        <source>sitcentre — situation centre</source>
        <translation>sitcentre — ситуационный центр</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="56"/>
        <source> — DEMO</source>
        <translation> — ДЕМО</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="62"/>
        <source>Post status</source>
        <translation>Состояние ОПВ</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="63"/>
        <source>Reporting posts and their last report.</source>
        <translation>ОПВ и их последние сообщения.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="68"/>
        <source>Charts</source>
        <translation>Графики</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="69"/>
        <source>Seizures and incidents over time.</source>
        <translation>Изъятия и инциденты по времени.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="90"/>
        <source>Incidents</source>
        <translation>Инциденты</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="92"/>
        <source>The incident table comes here: every incident reported by the posts, newest first, with sorting, search and filters.</source>
        <translation>Здесь будет таблица инцидентов: все инциденты, о которых сообщили ОПВ, сначала новые, с сортировкой, поиском и фильтрами.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="107"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="108"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="109"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="114"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="118"/>
        <source>&amp;Operator layout</source>
        <translation>&amp;Режим оператора</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="119"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="120"/>
        <source>Incident table large, charts hidden, post cards narrow</source>
        <translation>Крупная таблица инцидентов, графики скрыты, карточки ОПВ узкие</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="122"/>
        <source>&amp;Supervisor layout</source>
        <translation>Режим &amp;старшего смены</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="123"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="124"/>
        <source>Incident table, charts and post cards</source>
        <translation>Таблица инцидентов, графики и карточки ОПВ</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="131"/>
        <source>&amp;Tools</source>
        <translation>&amp;Сервис</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="133"/>
        <source>&amp;Help</source>
        <translation>Спр&amp;авка</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="134"/>
        <source>&amp;About sitcentre</source>
        <translation>&amp;О программе sitcentre</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="141"/>
        <source>Database: {database}</source>
        <translation>База данных: {database}</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="143"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="144"/>
        <source>Schema {revision}</source>
        <translation>Схема {revision}</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="146"/>
        <source>Live feed: not started</source>
        <translation>Обновление: не запущено</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="152"/>
        <source>DEMO DATA</source>
        <translation>ДЕМО-ДАННЫЕ</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="167"/>
        <source>About sitcentre</source>
        <translation>О программе sitcentre</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="169"/>
        <source>&lt;b&gt;sitcentre {version}&lt;/b&gt;&lt;p&gt;Situation-centre software for Border Liaison Offices: incidents, seizures and post status from every post, in one place.&lt;/p&gt;</source>
        <translation>&lt;b&gt;sitcentre {version}&lt;/b&gt;&lt;p&gt;Программа ситуационного центра для офисов пограничного взаимодействия: инциденты, изъятия и состояние всех ОПВ в одном месте.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <location filename="../shell/login_dialog.py" line="350"/>
        <source>Set your new password — sitcentre</source>
        <translation>Новый пароль — sitcentre</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="355"/>
        <source>at least {0} characters</source>
        <translation>не менее {0} символов</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="361"/>
        <source>&amp;New password:</source>
        <translation>&amp;Новый пароль:</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="362"/>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Повторите:</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="368"/>
        <source>&amp;Set password and sign in</source>
        <translation>&amp;Сохранить пароль и войти</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="370"/>
        <source>{name}, you signed in with a one-time password. Choose your own password now: the one-time password stops working.</source>
        <translation>{name}, вы вошли с одноразовым паролем. Задайте сейчас свой пароль: одноразовый пароль перестанет действовать.</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="381"/>
        <source>The two passwords are not the same: type the password again.</source>
        <translation>Пароли не совпадают: введите пароль ещё раз.</translation>
    </message>
    <message>
        <location filename="../shell/login_dialog.py" line="395"/>
        <source>Setting your password…</source>
        <translation>Сохранение пароля…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../shell/settings_dialog.py" line="71"/>
        <location filename="../shell/settings_dialog.py" line="204"/>
        <location filename="../shell/settings_dialog.py" line="235"/>
        <location filename="../shell/settings_dialog.py" line="244"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="93"/>
        <source>For you at this computer</source>
        <translation>Для вас на этом компьютере</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="99"/>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="101"/>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="101"/>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="101"/>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="104"/>
        <source>&amp;Theme:</source>
        <translation>&amp;Тема:</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="107"/>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="108"/>
        <source>automatic</source>
        <translation>автоматически</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="109"/>
        <source>How often the table looks for changes when the database sends no notice of them (automatic: every 5 s on a file, 10 s on a server).</source>
        <translation>Как часто таблица проверяет изменения, если база данных не сообщает о них (автоматически: каждые 5 с для файла, 10 с для сервера).</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="111"/>
        <source>Look for &amp;changes at least every:</source>
        <translation>Проверять &amp;изменения не реже чем раз в:</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="112"/>
        <source>The theme changes at once; the language and the look-for-changes interval at the next start.</source>
        <translation>Тема меняется сразу; язык и интервал проверки изменений — при следующем запуске.</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="119"/>
        <source>For this installation (every workstation)</source>
        <translation>Для всей установки (все рабочие места)</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="127"/>
        <source> h</source>
        <translation> ч</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="128"/>
        <source>A post turns &amp;amber after:</source>
        <translation>Пост становится &amp;жёлтым через:</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="129"/>
        <source>A post turns &amp;red after:</source>
        <translation>Пост становится &amp;красным через:</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="130"/>
        <source>Operators record and edit incidents of &amp;every post</source>
        <translation>Операторы регистрируют и изменяют инциденты &amp;всех постов</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="132"/>
        <source>Cleared: each operator records and edits only their own post&apos;s incidents (a post&apos;s own workstation).</source>
        <translation>Если снято: каждый оператор регистрирует и изменяет инциденты только своего поста (рабочее место на посту).</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="138"/>
        <source>The centre&apos;s clock: the daily brief&apos;s day and the times shown in centre time.</source>
        <translation>Часы центра: день ежедневной сводки и время, показываемое по времени центра.</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="140"/>
        <source>The centre&apos;s &amp;time zone:</source>
        <translation>&amp;Часовой пояс центра:</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="143"/>
        <source>Workstations apply these when they next start. Each change is recorded in the audit trail.</source>
        <translation>Рабочие места применяют эти настройки при следующем запуске. Каждое изменение записывается в журнал аудита.</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="145"/>
        <source>Only an administrator can change these.</source>
        <translation>Изменить эти настройки может только администратор.</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="205"/>
        <source>A post turns red after it turns amber: give red more hours than amber.</source>
        <translation>Пост становится красным после того, как стал жёлтым: укажите для красного больше часов, чем для жёлтого.</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="230"/>
        <source>The installation&apos;s settings are saved. Workstations apply them when they next start.</source>
        <translation>Настройки установки сохранены. Рабочие места применят их при следующем запуске.</translation>
    </message>
    <message>
        <location filename="../shell/settings_dialog.py" line="233"/>
        <source>Your language and look-for-changes interval apply from the next start.</source>
        <translation>Ваш язык и интервал проверки изменений вступят в силу при следующем запуске.</translation>
    </message>
</context>
<context>
    <name>Workstation</name>
    <message>
        <location filename="../shell/workstation.py" line="107"/>
        <source>&amp;Incident</source>
        <translation>&amp;Инцидент</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="109"/>
        <source>&amp;New incident…</source>
        <translation>&amp;Новый инцидент…</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="111"/>
        <source>&amp;Edit incident…</source>
        <translation>&amp;Изменить инцидент…</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="111"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="114"/>
        <source>&amp;Find…</source>
        <translation>На&amp;йти…</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="115"/>
        <source>&amp;Clear filters</source>
        <translation>&amp;Сбросить фильтры</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="115"/>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="117"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="130"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="131"/>
        <source>User: {0}</source>
        <translation>Пользователь: {0}</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="132"/>
        <source>No changes seen yet</source>
        <translation>Изменений пока нет</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="139"/>
        <source>The connection to the database server is not protected.</source>
        <translation>Соединение с сервером базы данных не защищено.</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="144"/>
        <source>{0} incidents</source>
        <translation>Инцидентов: {0}</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="162"/>
        <source>Last change {0}</source>
        <translation>Последнее изменение: {0}</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="167"/>
        <source>Live</source>
        <translation>Онлайн</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="167"/>
        <source>Polling</source>
        <translation>Опрос</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="167"/>
        <source>Reconnecting…</source>
        <translation>Переподключение…</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="168"/>
        <source>Live feed stopped</source>
        <translation>Обновление остановлено</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="176"/>
        <source>sitcentre</source>
        <translation>sitcentre</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="206"/>
        <source>That incident was deleted meanwhile.</source>
        <translation>Этот инцидент уже удалён.</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="213"/>
        <source>Still loading the lists of posts and substances…</source>
        <translation>Списки ОПВ и веществ ещё загружаются…</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="225"/>
        <source>Incident saved (version {0}).</source>
        <translation>Инцидент сохранён (версия {0}).</translation>
    </message>
    <message>
        <location filename="../shell/workstation.py" line="233"/>
        <source>&amp;Audit trail…</source>
        <translation>&amp;Журнал аудита…</translation>
    </message>
</context>
<context>
    <name>_SignInDialog</name>
    <message>
        <location filename="../shell/login_dialog.py" line="162"/>
        <source>Database: {0}</source>
        <translation>База данных: {0}</translation>
    </message>
</context>
</TS>
