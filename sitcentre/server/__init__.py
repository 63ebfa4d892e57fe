"""`sitcentre serve`: the centre's HTTPS endpoint for online sync (issue 13, item 5; docs/exchange.md, "Online
sync"). app.py the Starlette application, uploads.py resumable uploads, spool.py the folder kept aside within
its quota, auth.py the download header, screening.py the key checks before real work."""
