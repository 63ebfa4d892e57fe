<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../../sitcentre/services/auth.py" line="82"/>
        <source>&apos;{name}&apos; cannot be a user name: use 2 to 64 letters, digits, dots, dashes, underscores or @, without spaces.</source>
        <translation>«{name}» не может быть именем пользователя: используйте от 2 до 64 букв, цифр, точек, дефисов, знаков подчёркивания или @, без пробелов.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/auth.py" line="89"/>
        <source>&apos;{name}&apos; mixes letters of different alphabets (such as Latin and Cyrillic), so it could pass for another name: use the letters of one alphabet.</source>
        <translation>В имени «{name}» смешаны буквы разных алфавитов (например, латиница и кириллица), поэтому его можно принять за другое имя: используйте буквы одного алфавита.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/auth.py" line="100"/>
        <source>The password is too short: use at least {n} characters.</source>
        <translation>Пароль слишком короткий: минимальная длина пароля (символов): {n}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/auth.py" line="103"/>
        <source>The password is too long: use at most {n} characters.</source>
        <translation>Пароль слишком длинный: максимальная длина пароля (символов): {n}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/auth.py" line="105"/>
        <source>The password cannot be blank or the user name.</source>
        <translation>Пароль не может быть пустым или совпадать с именем пользователя.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/auth.py" line="211"/>
        <source>An account already exists on this database: sign in, or ask an administrator.</source>
        <translation>В этой базе данных уже есть учётная запись: войдите в систему или обратитесь к администратору.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/auth.py" line="231"/>
        <source>The demo sign-in is only for a demo database, and this one has user accounts. Sign in with your account.</source>
        <translation>Демонстрационный вход возможен только в демонстрационную базу данных, а в этой есть учётные записи пользователей. Войдите под своей учётной записью.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="56"/>
        <source>Conflict {id} was already resolved by {who} ({when}).</source>
        <translation>Конфликт версий {id} уже разрешён пользователем {who} ({when}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="57"/>
        <source>Conflict {id} was already dismissed by {who} ({when}).</source>
        <translation>Конфликт версий {id} уже снят пользователем {who} ({when}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="168"/>
        <source>Conflict {id} is a parallel edit: both edits were merged and there is nothing to choose. Dismiss it (--take dismiss).</source>
        <translation>Конфликт версий {id} — параллельная правка: обе правки объединены, выбирать не из чего. Снимите его (--take dismiss).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="172"/>
        <source>Conflict {id} does not name both versions; it cannot be resolved here. Edit the incident instead.</source>
        <translation>В конфликте версий {id} указаны не обе версии; здесь его разрешить нельзя. Вместо этого отредактируйте инцидент.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="181"/>
        <source>A version of conflict {id} is not kept here any more; it cannot be resolved. Edit the incident instead.</source>
        <translation>Одна из версий конфликта {id} здесь больше не хранится; разрешить его нельзя. Вместо этого отредактируйте инцидент.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="189"/>
        <location filename="../../sitcentre/services/conflicts.py" line="216"/>
        <source>Conflict {id} has just been closed by someone else.</source>
        <translation>Конфликт версий {id} только что закрыл другой пользователь.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="212"/>
        <source>Conflict {id} is a real conflict: two versions are kept and one must be chosen. Resolve it with --take centre, post or FIELD=SIDE.</source>
        <translation>Конфликт версий {id} — настоящий конфликт: хранятся две версии, и нужно выбрать одну. Разрешите его с помощью --take centre, post или FIELD=SIDE.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="231"/>
        <source>&apos;{take}&apos; is not a side: take centre or post (or FIELD=centre|post for each field).</source>
        <translation>«{take}» — не сторона: укажите centre (центр) или post (ОПВ) (или FIELD=centre|post для каждого поля).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="235"/>
        <source>Say which version to keep: centre, post, or FIELD=centre|post.</source>
        <translation>Укажите, какую версию сохранить: centre (центр), post (ОПВ) или FIELD=centre|post.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="240"/>
        <source>&apos;{field}={side}&apos;: a field takes centre or post.</source>
        <translation>«{field}={side}»: для поля указывается centre (центр) или post (ОПВ).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="256"/>
        <source>One side deleted the incident: keep it deleted or bring the other version back whole (--take centre or --take post); fields cannot be mixed.</source>
        <translation>Одна из сторон удалила инцидент: оставьте его удалённым или восстановите другую версию целиком (--take centre или --take post); смешивать поля нельзя.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="263"/>
        <source>No field {unknown} in this incident. Fields: {fields}.</source>
        <translation>В этом инциденте нет поля {unknown}. Поля: {fields}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="266"/>
        <source>The incident&apos;s id is the same on both sides; it is not a choice.</source>
        <translation>Идентификатор инцидента одинаков на обеих сторонах; его не выбирают.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="294"/>
        <source>Conflicts are resolved at the centre, not at a post: the centre decides, and its choice comes back with its next bundle.</source>
        <translation>Конфликты версий разрешаются в центре, а не на ОПВ: решение принимает центр, и его выбор придёт со следующим пакетом данных.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="301"/>
        <source>There is no conflict {id} (see &apos;sitcentre conflicts list&apos;).</source>
        <translation>Конфликта версий {id} нет (см. «sitcentre conflicts list»).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="310"/>
        <source>Conflict {id} was already closed ({status}).</source>
        <translation>Конфликт версий {id} уже закрыт ({status}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/conflicts.py" line="360"/>
        <source>The incident of conflict {id} has been changed here since the conflict was found, so the versions you chose from are no longer the ones compared. The conflict now compares the current version: look at it again (sitcentre conflicts show {id}) and choose again.</source>
        <translation>Инцидент конфликта версий {id} был изменён здесь после обнаружения конфликта, поэтому версии, из которых вы выбирали, больше не те, что сравниваются. Теперь в конфликте сравнивается текущая версия: посмотрите его ещё раз (sitcentre conflicts show {id}) и выберите заново.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="123"/>
        <location filename="../../sitcentre/services/users.py" line="312"/>
        <source>There is already an account named &apos;{name}&apos;.</source>
        <translation>Учётная запись с именем «{name}» уже существует.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="168"/>
        <source>Only a signed-in account can change its own password.</source>
        <translation>Сменить свой пароль можно только после входа в учётную запись.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="173"/>
        <source>The current password is not right.</source>
        <translation>Текущий пароль указан неверно.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="204"/>
        <source>Your account has been disabled or removed, so its password cannot be changed. Ask an administrator.</source>
        <translation>Ваша учётная запись отключена или удалена, поэтому её пароль сменить нельзя. Обратитесь к администратору.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="234"/>
        <source>The account was disabled and its database login &apos;{login}&apos; can no longer connect, but its open sessions could not be ended; ask the server&apos;s administrator to end them.</source>
        <translation>Учётная запись отключена, и её логин базы данных «{login}» больше не может подключиться, но её открытые сеансы завершить не удалось; попросите администратора сервера завершить их.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="294"/>
        <source>&apos;{name}&apos; is the last active administrator: add another administrator first.</source>
        <translation>«{name}» — последний действующий администратор: сначала добавьте другого администратора.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="314"/>
        <source>&apos;{name}&apos; looks like the existing account &apos;{existing}&apos;: choose a name that cannot be mistaken for it.</source>
        <translation>Имя «{name}» похоже на имя существующей учётной записи «{existing}»: выберите имя, которое нельзя с ним спутать.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="324"/>
        <source>The display name must be text; leave it empty if there is none.</source>
        <translation>Отображаемое имя должно быть текстом; если его нет, оставьте поле пустым.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="327"/>
        <source>The display name is too long: at most {limit} characters ({entered} entered).</source>
        <translation>Отображаемое имя слишком длинное: допустимо символов не более {limit} (введено: {entered}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="330"/>
        <source>The display name contains a character that cannot be stored (a control character such as a line break or NUL). Remove it.</source>
        <translation>Отображаемое имя содержит символ, который нельзя сохранить (управляющий символ, например перевод строки или NUL). Удалите его.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="345"/>
        <source>&apos;{role}&apos; is not a role: use {roles}.</source>
        <translation>«{role}» — не роль: используйте {roles}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="354"/>
        <source>There is no post with the code &apos;{code}&apos;.</source>
        <translation>ОПВ с кодом «{code}» нет.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/users.py" line="359"/>
        <source>There is no account named &apos;{name}&apos;.</source>
        <translation>Учётной записи с именем «{name}» нет.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/site_settings.py" line="44"/>
        <source>hours without a report before a post turns amber</source>
        <translation>часов без сообщений, после которых ОПВ отмечается жёлтым</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/site_settings.py" line="45"/>
        <source>hours without a report before a post turns red</source>
        <translation>часов без сообщений, после которых ОПВ отмечается красным</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/site_settings.py" line="46"/>
        <source>operators record and edit incidents of every post (false: their own)</source>
        <translation>операторы регистрируют и редактируют инциденты всех ОПВ (false: только своего)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/site_settings.py" line="48"/>
        <source>the centre&apos;s UTC offset in minutes (the brief&apos;s day)</source>
        <translation>смещение времени центра от UTC в минутах (сутки сводки)</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/site_settings.py" line="62"/>
        <source>&apos;{key}&apos; is not an installation setting. Known: {known}.</source>
        <translation>«{key}» — не настройка установки. Известные настройки: {known}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/site_settings.py" line="70"/>
        <source>{key} is true or false, not &apos;{text}&apos;.</source>
        <translation>{key} принимает значение true или false, а не «{text}».</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/site_settings.py" line="74"/>
        <source>{key} is a number ({what}), not &apos;{text}&apos;.</source>
        <translation>{key} — число ({what}), а не «{text}».</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/site_settings.py" line="77"/>
        <source>{key} must be between {low} and {high}, not &apos;{text}&apos;.</source>
        <translation>{key} должно быть от {low} до {high}, а не «{text}».</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/site_settings.py" line="80"/>
        <source>The centre&apos;s UTC offset is a whole number of quarter hours (e.g. 300 for UTC+5).</source>
        <translation>Смещение времени центра от UTC — целое число четвертей часа (например, 300 для UTC+5).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/site_settings.py" line="162"/>
        <source>A post turns red after it turns amber: report_red_hours ({red}) must be above report_amber_hours ({amber}).</source>
        <translation>ОПВ отмечается красным позже, чем жёлтым: report_red_hours ({red}) должно быть больше report_amber_hours ({amber}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="81"/>
        <source>This installation has no signing key yet: run &apos;sitcentre install init --role ... --origin ...&apos;.</source>
        <translation>У этой установки ещё нет ключа подписи: выполните «sitcentre install init --role ... --origin ...».</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="158"/>
        <source>This file is too large to be a key file.</source>
        <translation>Этот файл слишком велик для файла ключа.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="159"/>
        <source>This is not a key file (it is not a signed JSON document).</source>
        <translation>Это не файл ключа (это не подписанный документ JSON).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="161"/>
        <source>This is not a sitcentre key file (it is some other kind of signed document).</source>
        <translation>Это не файл ключа sitcentre (это подписанный документ другого рода).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="162"/>
        <source>The key file is damaged (its content cannot be read).</source>
        <translation>Файл ключа повреждён (его содержимое не читается).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="165"/>
        <source>The key file is damaged (it must carry exactly one signature).</source>
        <translation>Файл ключа повреждён (в нём должна быть ровно одна подпись).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="166"/>
        <source>The key file is damaged (its content is not a key description).</source>
        <translation>Файл ключа повреждён (его содержимое не является описанием ключа).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="168"/>
        <source>This is not a sitcentre key file (its content is of another format).</source>
        <translation>Это не файл ключа sitcentre (его содержимое другого формата).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="174"/>
        <source>The key file is damaged or was altered: its signature does not match its key.</source>
        <translation>Файл ключа повреждён или изменён: его подпись не соответствует ключу.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="187"/>
        <source>There is no file {path}.</source>
        <translation>Файла {path} нет.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="189"/>
        <source>{path} is a folder, not a key file.</source>
        <translation>{path} — папка, а не файл ключа.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="191"/>
        <source>Cannot read {path}: {problem}.</source>
        <translation>Не удаётся прочитать {path}: {problem}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="194"/>
        <source>{path} is too large to be a key file.</source>
        <translation>{path} слишком велик для файла ключа.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="195"/>
        <source>{path} is too large to be a bundle.</source>
        <translation>{path} слишком велик для пакета данных.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="211"/>
        <source>Reading a key from a bundle is not available in this version: use the key file (&apos;sitcentre keys export&apos; at the other installation).</source>
        <translation>Чтение ключа из пакета данных в этой версии недоступно: используйте файл ключа («sitcentre keys export» на другой установке).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="218"/>
        <source>The bundle&apos;s key cannot be read: {problem}</source>
        <translation>Ключ пакета данных не читается: {problem}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="221"/>
        <source>The bundle&apos;s key cannot be read.</source>
        <translation>Ключ пакета данных не читается.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="248"/>
        <source>The key file is damaged (its origin, role or key is missing).</source>
        <translation>Файл ключа повреждён (в нём нет кода источника, роли или самого ключа).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="251"/>
        <source>The key file is damaged (its installation id is not readable).</source>
        <translation>Файл ключа повреждён (идентификатор установки не читается).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="262"/>
        <source>The key is damaged: {problem}</source>
        <translation>Ключ повреждён: {problem}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="264"/>
        <source>The key is damaged: its id does not match the key itself.</source>
        <translation>Ключ повреждён: его идентификатор не соответствует самому ключу.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="266"/>
        <source>The key names an unknown role ({role}); expected post or centre.</source>
        <translation>В ключе указана неизвестная роль ({role}); ожидается post (ОПВ) или centre (центр).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="269"/>
        <source>The key names no valid origin code.</source>
        <translation>В ключе не указан допустимый код источника.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="274"/>
        <source>The key names an installation id that is not valid.</source>
        <translation>В ключе указан недопустимый идентификатор установки.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="294"/>
        <location filename="../../sitcentre/services/keys.py" line="313"/>
        <source>This is this installation&apos;s own key: it needs no trusting here.</source>
        <translation>Это собственный ключ этой установки: доверять ему здесь не нужно.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="301"/>
        <source>Key {key_id} of {origin} was revoked; revoked keys stay revoked: {origin} must make a new key and send its key file.</source>
        <translation>Ключ {key_id} установки {origin} отозван; отозванные ключи остаются отозванными: {origin} должна создать новый ключ и прислать его файл ключа.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="338"/>
        <source>This is this installation&apos;s own key; it cannot be revoked here.</source>
        <translation>Это собственный ключ этой установки; отозвать его здесь нельзя.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="342"/>
        <source>No key with id &apos;{key_id}&apos; is known here; &apos;sitcentre keys list&apos; shows them.</source>
        <translation>Ключ с идентификатором «{key_id}» здесь неизвестен; список ключей показывает «sitcentre keys list».</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/keys.py" line="409"/>
        <source>This database records no installation yet: run &apos;sitcentre install init --role ... --origin ...&apos;.</source>
        <translation>В этой базе данных ещё не записана установка: выполните «sitcentre install init --role ... --origin ...».</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="70"/>
        <source>The bundle comes from {sender}, a {role}: a post takes bundles from the situation centre only.</source>
        <translation>Пакет данных получен от {sender} (роль: {role}): ОПВ принимает пакеты данных только от ситуационного центра.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="74"/>
        <source>The bundle comes from {sender}, another centre that is not a peer of this one: a centre takes bundles from its posts, and from the centres set with &apos;sitcentre install peer&apos;.</source>
        <translation>Пакет данных получен от {sender} — другого центра, который не является партнёром этого: центр принимает пакеты данных от своих ОПВ и от центров, заданных командой «sitcentre install peer».</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="111"/>
        <source>{sender} sent a version of an incident of post {post}: this post keeps only its own incidents</source>
        <translation>От {sender} получена версия инцидента ОПВ {post}: этот ОПВ хранит только свои инциденты</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="120"/>
        <source>{sender} sent a version it says {by} wrote: a post sends only its own versions</source>
        <translation>От {sender} получена версия, автором которой указан {by}: ОПВ присылает только свои версии</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="123"/>
        <location filename="../../sitcentre/services/exchange_rules.py" line="128"/>
        <source>{sender} sent a version of an incident of post {post}: a post sends only its own incidents</source>
        <translation>От {sender} получена версия инцидента ОПВ {post}: ОПВ присылает только свои инциденты</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="137"/>
        <source>{sender} sent a version it says {by} wrote: a centre releases its own country&apos;s records under its own name</source>
        <translation>От {sender} получена версия, автором которой указан {by}: центр публикует записи своей страны только от своего имени</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="140"/>
        <source>{sender} sent a version of an incident of post {post}, one of this centre&apos;s posts: another country&apos;s centre never edits this country&apos;s records</source>
        <translation>От {sender} получена версия инцидента ОПВ {post}, одного из ОПВ этого центра: центр другой страны никогда не редактирует записи этой страны</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="146"/>
        <source>{sender} sent a version of a record that {owner} made: a centre edits only its own country&apos;s records</source>
        <translation>От {sender} получена версия записи, созданной {owner}: центр редактирует только записи своей страны</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="155"/>
        <source>This incident was released by {owner}, another country&apos;s centre: it is read-only here. Ask that centre to correct it.</source>
        <translation>Этот инцидент опубликован {owner}, центром другой страны: здесь он доступен только для чтения. Попросите этот центр исправить его.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="189"/>
        <source>{sender} sent an alert from post {post}: a post sends only the alerts it sent</source>
        <translation>От {sender} получено оповещение от ОПВ {post}: ОПВ присылает только свои оповещения</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="192"/>
        <source>{sender} sent a status change of post {post}: a post changes only its own status</source>
        <translation>От {sender} получено изменение статуса ОПВ {post}: ОПВ меняет только свой статус</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="197"/>
        <source>{sender} acknowledged an alert addressed to {to_post}: a post acknowledges only the alerts addressed to it</source>
        <translation>{sender} подтверждает получение оповещения, адресованного {to_post}: ОПВ подтверждает получение только адресованных ему оповещений</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="205"/>
        <source>{sender} sent a status change of post {post} made by {by}: a post takes only its own status changes made at the centre</source>
        <translation>От {sender} получено изменение статуса ОПВ {post}, внесённое {by}: ОПВ принимает только изменения своего статуса, внесённые в центре</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="212"/>
        <source>{sender} sent an alert from {from_post} to {to_post}: it is not for this post</source>
        <translation>От {sender} получено оповещение от {from_post} для {to_post}: оно не для этого ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="222"/>
        <source>{sender} sent a post status change: centres do not exchange them</source>
        <translation>От {sender} получено изменение статуса ОПВ: центры ими не обмениваются</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="227"/>
        <source>{sender} sent an alert from post {post}, one of this centre&apos;s posts</source>
        <translation>От {sender} получено оповещение от ОПВ {post}, одного из ОПВ этого центра</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="232"/>
        <source>{sender} acknowledged an alert addressed to {to_post}, one of this centre&apos;s posts</source>
        <translation>{sender} подтверждает получение оповещения, адресованного {to_post}, одному из ОПВ этого центра</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="244"/>
        <source>{sender} sent an alert it says {by} made: a post sends only its own</source>
        <translation>От {sender} получено оповещение, автором которого указан {by}: ОПВ присылает только свои</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="245"/>
        <source>{sender} sent an acknowledgement it says {by} made: a post sends only its own</source>
        <translation>От {sender} получено подтверждение получения, автором которого указан {by}: ОПВ присылает только свои</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="246"/>
        <source>{sender} sent a post status change it says {by} made: a post sends only its own</source>
        <translation>От {sender} получено изменение статуса ОПВ, автором которого указан {by}: ОПВ присылает только свои</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="247"/>
        <source>{sender} sent a record it says {by} made: a post sends only its own</source>
        <translation>От {sender} получена запись, автором которой указан {by}: ОПВ присылает только свои</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="250"/>
        <source>{sender} sent an alert it says this post made</source>
        <translation>От {sender} получено оповещение, автором которого указан этот ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="251"/>
        <source>{sender} sent an acknowledgement it says this post made</source>
        <translation>От {sender} получено подтверждение получения, автором которого указан этот ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="252"/>
        <source>{sender} sent a post status change it says this post made</source>
        <translation>От {sender} получено изменение статуса ОПВ, автором которого указан этот ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="253"/>
        <source>{sender} sent a record it says this post made</source>
        <translation>От {sender} получена запись, автором которой указан этот ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="256"/>
        <source>{sender} sent an alert it says {by} made: another country&apos;s centre never speaks for this centre or its posts</source>
        <translation>От {sender} получено оповещение, автором которого указан {by}: центр другой страны никогда не выступает от имени этого центра или его ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="258"/>
        <source>{sender} sent an acknowledgement it says {by} made: another country&apos;s centre never speaks for this centre or its posts</source>
        <translation>От {sender} получено подтверждение получения, автором которого указан {by}: центр другой страны никогда не выступает от имени этого центра или его ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="260"/>
        <source>{sender} sent a post status change it says {by} made: another country&apos;s centre never speaks for this centre or its posts</source>
        <translation>От {sender} получено изменение статуса ОПВ, автором которого указан {by}: центр другой страны никогда не выступает от имени этого центра или его ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="262"/>
        <source>{sender} sent a record it says {by} made: another country&apos;s centre never speaks for this centre or its posts</source>
        <translation>От {sender} получена запись, автором которой указан {by}: центр другой страны никогда не выступает от имени этого центра или его ОПВ</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="337"/>
        <source>Refused: {origin} has sent two different versions of its change #{seq}. Keep this file and call the centre&apos;s security officer.</source>
        <translation>Отклонено: от {origin} получены две разные версии изменения № {seq}. Сохраните этот файл и позвоните сотруднику центра, отвечающему за безопасность.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_rules.py" line="410"/>
        <source>The audit trail of {sender} has been altered: entry #{seq} of its new epoch differs from the one it sent before and is not later. Keep this file and call the centre&apos;s security officer.</source>
        <translation>Журнал аудита {sender} изменён: запись № {seq} его новой эпохи отличается от присланной ранее и не является более поздней. Сохраните этот файл и позвоните сотруднику центра, отвечающему за безопасность.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="84"/>
        <source>The audit trail is broken at row #{row}, so no anchor was made: it would vouch for a trail that was already changed. Find out what happened first.</source>
        <translation>Журнал аудита нарушен в строке № {row}, поэтому контрольная точка не создана: она заверила бы уже изменённый журнал. Сначала выясните, что произошло.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="92"/>
        <source>The audit trail is broken at row #{row}, so no anchor was made.</source>
        <translation>Журнал аудита нарушен в строке № {row}, поэтому контрольная точка не создана.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="95"/>
        <source>The audit trail is empty: there is nothing to anchor yet.</source>
        <translation>Журнал аудита пуст: для контрольной точки пока нет записей.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="151"/>
        <source>This file is too large to be an audit anchor.</source>
        <translation>Этот файл слишком велик для контрольной точки журнала аудита.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="157"/>
        <source>This audit anchor is of version {version}; this sitcentre reads version {readable}.</source>
        <translation>Эта контрольная точка журнала аудита версии {version}; эта версия sitcentre читает версию {readable}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="172"/>
        <source>This file is not an audit anchor written by &apos;sitcentre audit anchor&apos; (or it is damaged).</source>
        <translation>Этот файл не является контрольной точкой журнала аудита, созданной командой «sitcentre audit anchor» (или он повреждён).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="181"/>
        <source>Cannot read the anchor file {path}: {problem}.</source>
        <translation>Не удаётся прочитать файл контрольной точки {path}: {problem}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="215"/>
        <source>The anchor was made at {anchored}; this is {here}.</source>
        <translation>Контрольная точка создана в {anchored}; здесь — {here}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="224"/>
        <source>The trail is broken at row #{row}: it, or the row before it, was changed or removed outside sitcentre.</source>
        <translation>Журнал нарушен в строке № {row}: она или предыдущая строка изменена или удалена в обход sitcentre.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="235"/>
        <source>The anchor is not signed (the installation had no signing key when it was made): it is only as good as the place it was kept.</source>
        <translation>Контрольная точка не подписана (у установки не было ключа подписи, когда она создавалась): ей можно доверять не больше, чем месту, где она хранилась.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="243"/>
        <source>The anchor&apos;s signature does not match what it says (key {key_id}): the file was changed after it was signed. It proves nothing.</source>
        <translation>Подпись контрольной точки не соответствует её содержимому (ключ {key_id}): файл изменён после подписания. Он ничего не доказывает.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="248"/>
        <source>Signed with this installation&apos;s key {key_id}.</source>
        <translation>Подписано ключом этой установки {key_id}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="253"/>
        <source>The anchor is signed with the key of {origin} ({key_id}), not with this installation&apos;s key: it was not made here, so it proves nothing about this trail.</source>
        <translation>Контрольная точка подписана ключом {origin} ({key_id}), а не ключом этой установки: она создана не здесь и ничего не доказывает об этом журнале.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="257"/>
        <source>The anchor is signed with a key unknown here ({key_id}), not with this installation&apos;s key: it was not made here, so it proves nothing about this trail.</source>
        <translation>Контрольная точка подписана ключом, неизвестным здесь ({key_id}), а не ключом этой установки: она создана не здесь и ничего не доказывает об этом журнале.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="273"/>
        <source>The anchor was made for another installation ({theirs}), not this database&apos;s ({ours}).</source>
        <translation>Контрольная точка создана для другой установки ({theirs}), а не для установки этой базы данных ({ours}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="282"/>
        <source>The trail has been cut: row #{row}, anchored on {at} UTC, is missing.</source>
        <translation>Журнал обрезан: строки № {row}, зафиксированной в контрольной точке {at} UTC, нет.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="285"/>
        <source>Row #{row} no longer has the hash anchored on {at} UTC: rows up to it were rewritten.</source>
        <translation>У строки № {row} больше нет хеша, зафиксированного в контрольной точке {at} UTC: строки до неё были переписаны.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="291"/>
        <source>{rows} rows now lead up to row #{row}; the anchor of {at} UTC counted {anchored}: rows were removed or added before it, or the anchor file was changed.</source>
        <translation>Строк до строки № {row} включительно теперь: {rows}; в контрольной точке {at} UTC их было: {anchored}. Строки перед ней удалены или добавлены, либо файл контрольной точки изменён.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="305"/>
        <source>Row #{row} comes after row #{head}, anchored on {anchored_at} UTC, yet it is dated {at} UTC, before the anchor was made: it was added afterwards with a false date.</source>
        <translation>Строка № {row} идёт после строки № {head}, зафиксированной в контрольной точке {anchored_at} UTC, но датирована {at} UTC, то есть раньше создания контрольной точки: она добавлена позже с ложной датой.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/audit_anchor.py" line="311"/>
        <source>No audit entry after row #{row} records this anchor: the rows after it were removed or replaced.</source>
        <translation>Ни одна запись журнала аудита после строки № {row} не отмечает эту контрольную точку: строки после неё удалены или заменены.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_export.py" line="200"/>
        <source>Name the installation the bundle is for (--to ORIGIN).</source>
        <translation>Укажите установку, для которой предназначен пакет данных (--to ORIGIN).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_export.py" line="202"/>
        <source>{to} is this installation itself; name the installation the bundle is for.</source>
        <translation>{to} — это сама эта установка; укажите установку, для которой предназначен пакет данных.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_export.py" line="207"/>
        <source>{to} is not the code of a post in this database nor a peer centre: a centre sends bundles to its posts, and to other centres set with &apos;sitcentre install peer&apos;.</source>
        <translation>{to} — не код ОПВ в этой базе данных и не центр-партнёр: центр отправляет пакеты данных своим ОПВ и другим центрам, заданным командой «sitcentre install peer».</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_export.py" line="212"/>
        <source>{to} is a post: a post sends its bundles to its centre (its origin code, as in the centre&apos;s key file).</source>
        <translation>{to} — это ОПВ: ОПВ отправляет пакеты данных своему центру (укажите код источника центра, как в его файле ключа).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/exchange_export.py" line="287"/>
        <source>The link to {to} names a sharing policy this program does not know: {problem}</source>
        <translation>В связи с {to} указан порядок обмена данными, неизвестный этой программе: {problem}</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/installation.py" line="110"/>
        <source>The role must be &apos;post&apos; or &apos;centre&apos;, not &apos;{role}&apos;.</source>
        <translation>Роль должна быть «post» (ОПВ) или «centre» (центр), а не «{role}».</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/installation.py" line="115"/>
        <source>A post installation&apos;s origin is its post&apos;s code (e.g. KZ-KOR); &apos;{origin}&apos; is no post of this database.</source>
        <translation>Код источника установки ОПВ — это код её ОПВ (например, KZ-KOR); «{origin}» — не ОПВ этой базы данных.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/installation.py" line="119"/>
        <source>A centre&apos;s origin code is 1 to 8 capital letters or digits starting with a letter (e.g. C, KZC).</source>
        <translation>Код источника центра — от 1 до 8 заглавных латинских букв или цифр, начиная с буквы (например, C, KZC).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/installation.py" line="122"/>
        <source>&apos;{origin}&apos; is already a post&apos;s code or number prefix; choose another origin code.</source>
        <translation>«{origin}» уже является кодом ОПВ или префиксом номера; выберите другой код источника.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/peers.py" line="48"/>
        <source>Only a situation centre has peer centres; a post exchanges with its own centre.</source>
        <translation>Центры-партнёры бывают только у ситуационного центра; ОПВ обменивается данными со своим центром.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/peers.py" line="50"/>
        <source>Name the peer centre by its origin code (as in its key file), at most 16 characters.</source>
        <translation>Укажите центр-партнёр его кодом источника (как в его файле ключа), не длиннее 16 символов.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/peers.py" line="53"/>
        <source>{origin} is this centre itself.</source>
        <translation>{origin} — это сам этот центр.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/peers.py" line="55"/>
        <source>{origin} is a post: a peer is another country&apos;s centre or the regional centre.</source>
        <translation>{origin} — это ОПВ: партнёром может быть центр другой страны или региональный центр.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/sync_setup.py" line="85"/>
        <source>Online sync runs at a post: a centre is reached by its posts (&apos;sitcentre serve&apos;).</source>
        <translation>Онлайн-синхронизация запускается на ОПВ: к центру подключаются его ОПВ («sitcentre serve»).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/sync_setup.py" line="89"/>
        <source>This post trusts no centre&apos;s key yet: import the centre&apos;s key file and trust it (&apos;sitcentre keys trust FILE&apos;) before syncing.</source>
        <translation>Этот ОПВ пока не доверяет ключу ни одного центра: перед синхронизацией загрузите файл ключа центра и подтвердите доверие к нему («sitcentre keys trust FILE»).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/sync_setup.py" line="92"/>
        <source>This post trusts the keys of several centres ({centres}); the online sync needs exactly one.</source>
        <translation>Этот ОПВ доверяет ключам нескольких центров ({centres}); для онлайн-синхронизации нужен ровно один.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/sync_setup.py" line="103"/>
        <source>The centre&apos;s address must begin with https:// (got &apos;nothing&apos;): the bundles travel encrypted.</source>
        <translation>Адрес центра должен начинаться с https:// (адрес не указан): пакеты данных передаются в зашифрованном виде.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/sync_setup.py" line="105"/>
        <source>The centre&apos;s address must begin with https:// (got {got}): the bundles travel encrypted.</source>
        <translation>Адрес центра должен начинаться с https:// (указано: {got}): пакеты данных передаются в зашифрованном виде.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/sync_setup.py" line="112"/>
        <source>{got} is not an address of the form https://HOST:PORT.</source>
        <translation>{got} — не адрес вида https://HOST:PORT.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/sync_setup.py" line="121"/>
        <source>{path} is too large to be a certificate.</source>
        <translation>{path} слишком велик для сертификата.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/sync_setup.py" line="124"/>
        <source>The certificate file {path} cannot be read: {problem}.</source>
        <translation>Не удаётся прочитать файл сертификата {path}: {problem}.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/services/sync_setup.py" line="147"/>
        <source>Give the centre&apos;s certificate (a PEM file, --ca FILE): the post trusts that certificate and no other.</source>
        <translation>Укажите сертификат центра (файл PEM, --ca FILE): ОПВ доверяет этому сертификату и никакому другому.</translation>
    </message>
</context>
</TS>
