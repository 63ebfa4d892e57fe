<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="26"/>
        <source>Another workstation was saving the same records at the same moment; nothing was saved. Try again.</source>
        <translation>Другое рабочее место в тот же момент сохраняло те же записи; ничего не сохранено. Повторите попытку.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="56"/>
        <source>The server&apos;s certificate is not made out to the host name in the address of {where}: use the name the certificate carries, or ask the administrator.</source>
        <translation>Сертификат сервера выдан не на имя узла из адреса ({where}): используйте имя, указанное в сертификате, или обратитесь к администратору.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="60"/>
        <source>The CA file named in the address of {where} (sslrootcert) does not exist or cannot be read.</source>
        <translation>Файл удостоверяющего центра из адреса ({where}, sslrootcert) не существует или не читается.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="63"/>
        <source>The server&apos;s certificate for {where} is not signed by the CA file in the address (sslrootcert): the connection was refused. Check the CA file with the administrator.</source>
        <translation>Сертификат сервера ({where}) не подписан удостоверяющим центром из адреса (sslrootcert): подключение отклонено. Проверьте файл удостоверяющего центра с администратором.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="67"/>
        <source>The server of {where} accepts only encrypted connections: the address asks for none. Add ?sslmode=verify-full&amp;sslrootcert=/path/to/ca.pem to it.</source>
        <translation>Сервер ({where}) принимает только зашифрованные подключения, а адрес шифрования не требует. Добавьте к нему ?sslmode=verify-full&amp;sslrootcert=/path/to/ca.pem.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="71"/>
        <source>The server of {where} does not offer TLS, and the address asks for it.</source>
        <translation>Сервер ({where}) не поддерживает TLS, а адрес его требует.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="85"/>
        <source>the database</source>
        <translation>база данных</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="86"/>
        <source>the database ({name})</source>
        <translation>база данных ({name})</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="101"/>
        <source>{Where} is busy: another program is writing to it. Try again in a moment.</source>
        <translation>{Where} занята: в неё записывает другая программа. Повторите попытку чуть позже.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="104"/>
        <source>The disk holding {where} is full: free some space and try again.</source>
        <translation>Диск, на котором находится {where}, заполнен: освободите место и повторите попытку.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="107"/>
        <source>{Where} is not a sitcentre database or is damaged.</source>
        <translation>{Where}: это не база данных sitcentre, или она повреждена.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="110"/>
        <source>Cannot open {where}: check that the folder exists and can be written.</source>
        <translation>Не удаётся открыть: {where}. Проверьте, что папка существует и в неё можно записывать.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="113"/>
        <source>{Where} does not exist on the server. Check the database name, or ask the administrator to create it.</source>
        <translation>{Where} не существует на сервере. Проверьте имя базы данных или попросите администратора создать её.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="116"/>
        <source>The server does not know this user name ({where}). Check the address.</source>
        <translation>Сервер не знает этого имени пользователя ({where}). Проверьте адрес.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="119"/>
        <source>The server refused the user name or password for {where}.</source>
        <translation>Сервер отклонил имя пользователя или пароль ({where}).</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="124"/>
        <source>Cannot reach {where}. Check the address and that the server is running.</source>
        <translation>Нет связи: {where}. Проверьте адрес и что сервер запущен.</translation>
    </message>
    <message>
        <location filename="../../sitcentre/db/errors.py" line="126"/>
        <source>The database reported an error: {error}</source>
        <translation>База данных сообщила об ошибке: {error}</translation>
    </message>
</context>
</TS>
