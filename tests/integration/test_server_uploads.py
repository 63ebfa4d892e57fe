"""`sitcentre serve`'s application in process (sitcentre.server.app.make_app through Starlette's TestClient, or
httpx's ASGI transport where the body must stream): uploads whole and resumable, refusals kept aside within the
quota, the size cap. Real bundles from the real exporter (tests.integration.exchange_world); the import path on
SQLite and PostgreSQL (the `pair` fixture)."""

from __future__ import annotations

import asyncio
import warnings
from pathlib import Path

import httpx

with warnings.catch_warnings():  # Starlette 1.x would rather see httpx2 under its TestClient; httpx works
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

from sitcentre.server.app import make_app
from sitcentre.server.uploads import first_member
from sitcentre.services import keys
from tests.integration.exchange_world import content, export, import_, make_centre, make_post, record, trust_both


def client(world, spool: Path, **options) -> TestClient:
    return TestClient(make_app(world.engine, world.settings, spool=spool, **options), base_url="https://testserver")


def bundle_id(data: bytes) -> str:
    return first_member(data).bundle_id


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file())


def test_a_posted_bundle_is_imported_and_a_second_post_answers_already(pair, tmp_path):
    post, centre = pair
    incident = record(post, narrative="seen at the gate")
    data = export(post, "C")
    with client(centre, tmp_path / "spool") as http:
        assert http.head(f"/v1/bundles/{bundle_id(data)}").status_code == 404
        first = http.post("/v1/bundles", content=data)
        assert first.status_code == 200, first.text
        assert first.json()["status"] == "imported" and first.json()["summary"]["added"] == 1
        assert "records" not in first.json()["summary"]
        assert content(centre, incident)["narrative"] == "seen at the gate"
        again = http.post("/v1/bundles", content=data)
        assert again.status_code == 200 and again.json()["status"] == "already"
        assert http.head(f"/v1/bundles/{bundle_id(data)}").status_code == 200
        assert http.head("/v1/bundles/not-an-id").status_code == 404
    assert files(tmp_path / "spool" / "refused") == []


def test_a_resumable_upload_in_three_chunks_survives_a_wrong_offset(pair, tmp_path):
    post, centre = pair
    incident = record(post, narrative="a long report " * 200)
    data = export(post, "C")
    bid, total = bundle_id(data), len(data)
    cut1, cut2 = 200, total // 2
    assert first_member(data[:cut1]) is None and first_member(data[:cut2]) is not None, \
        "the envelope is checked when the second chunk completes it"
    with client(centre, tmp_path / "spool") as http:
        def patch(offset: int, chunk: bytes):
            return http.patch(f"/v1/uploads/{bid}", content=chunk,
                              headers={"Upload-Offset": str(offset), "Upload-Length": str(total)})

        assert http.head(f"/v1/uploads/{bid}").headers["Upload-Offset"] == "0"
        one = patch(0, data[:cut1])
        assert one.status_code == 204 and one.headers["Upload-Offset"] == str(cut1)
        wrong = patch(0, data[:cut1])  # the client thinks nothing arrived
        assert wrong.status_code == 409 and wrong.headers["Upload-Offset"] == str(cut1)
        assert wrong.json()["code"] == "offset_mismatch"
        held = http.head(f"/v1/uploads/{bid}")
        assert held.headers["Upload-Offset"] == str(cut1) and held.headers["Upload-Length"] == str(total)
        two = patch(cut1, data[cut1:cut2])
        assert two.status_code == 204 and two.headers["Upload-Offset"] == str(cut2)
        three = patch(cut2, data[cut2:])
        assert three.status_code == 200, three.text
        assert three.json()["status"] == "imported"
        assert http.head(f"/v1/uploads/{bid}").headers["Upload-Offset"] == "0"  # the partial file is gone
    assert files(tmp_path / "spool" / "uploads") == []
    assert content(centre, incident)["narrative"].startswith("a long report")


def test_a_resumable_upload_of_junk_or_of_another_bundle_is_dropped_at_its_first_chunk(tmp_path):
    post, centre = make_post(tmp_path), make_centre(tmp_path)
    trust_both(post, centre)
    record(post)
    data = export(post, "C")
    with client(centre, tmp_path / "spool") as http:
        junk = http.patch("/v1/uploads/" + "a" * 64, content=b"not a zip at all" * 100,
                          headers={"Upload-Offset": "0", "Upload-Length": "100000"})
        assert junk.status_code == 422 and junk.json()["code"] == "not_zip"
        other = http.patch("/v1/uploads/" + "b" * 64, content=data,
                           headers={"Upload-Offset": "0", "Upload-Length": str(len(data))})
        assert other.status_code == 422 and other.json()["code"] == "wrong_id"
        too_big = http.patch("/v1/uploads/" + "c" * 64, content=b"x",
                             headers={"Upload-Offset": "0", "Upload-Length": str(2**40)})
        assert too_big.status_code == 413
    assert files(tmp_path / "spool" / "uploads") == []


def test_a_bundle_of_an_unknown_key_is_403_kept_aside_and_the_key_noted_pending(tmp_path):
    post, centre = make_post(tmp_path), make_centre(tmp_path)  # the centre never trusted the post's key
    record(post)
    data = export(post, "C")
    with client(centre, tmp_path / "spool") as http:
        answer = http.post("/v1/bundles", content=data)
        assert answer.status_code == 403
        assert answer.json()["code"] == "unknown_key" and answer.json()["kept"] is True
        partial = http.patch(f"/v1/uploads/{bundle_id(data)}", content=data[:len(data) // 2],
                             headers={"Upload-Offset": "0", "Upload-Length": str(len(data))})
        assert partial.status_code == 403 and partial.json()["code"] == "unknown_key"
    kept = files(tmp_path / "spool" / "refused")
    assert len(kept) == 1 and kept[0].read_bytes() == data and "unknown_key" in kept[0].name
    assert files(tmp_path / "spool" / "uploads") == []
    assert [(k.origin, k.state) for k in keys.list_keys(centre.engine)] == [("KZ-KOR", "pending")]


def test_garbage_is_refused_422_and_kept_aside_within_the_quota(tmp_path):
    centre = make_centre(tmp_path)
    # refused files take at most half the quota (5,000 of 10,000 bytes): the rest stays for real uploads
    with client(centre, tmp_path / "spool", quota_bytes=10_000) as http:
        first = http.post("/v1/bundles", content=b"G" * 3000)
        assert first.status_code == 422 and first.json()["code"] == "not_zip" and first.json()["kept"] is True
        second = http.post("/v1/bundles", content=b"H" * 3000)  # 6000 bytes would pass the refused share
        assert second.status_code == 422 and second.json()["kept"] is False
        third = http.post("/v1/bundles", content=b"I" * 1500)
        assert third.json()["kept"] is True
    kept = files(tmp_path / "spool" / "refused")
    assert sorted(p.stat().st_size for p in kept) == [1500, 3000]
    assert sum(p.stat().st_size for p in kept) <= 5000


def test_a_partial_upload_past_the_quota_is_507_and_keeps_what_fitted(pair, tmp_path):
    post, centre = pair
    record(post, narrative="words " * 2000)
    data = export(post, "C")
    quota = len(data) // 2
    with client(centre, tmp_path / "spool", quota_bytes=quota) as http:
        answer = http.patch(f"/v1/uploads/{bundle_id(data)}", content=data,
                            headers={"Upload-Offset": "0", "Upload-Length": str(len(data))})
        assert answer.status_code == 507 and answer.json()["code"] == "spool_full"
        assert int(answer.headers["Upload-Offset"]) <= quota
    assert sum(p.stat().st_size for p in files(tmp_path / "spool" / "uploads")) <= quota


def test_a_body_over_the_cap_is_413_before_it_is_all_read(tmp_path):
    centre = make_centre(tmp_path)
    app = make_app(centre.engine, centre.settings, spool=tmp_path / "spool", max_bundle=64 * 1024)
    chunk, chunks = b"z" * 16 * 1024, 640  # 10 MB offered
    sent = []

    async def body():
        for _ in range(chunks):
            sent.append(len(chunk))
            yield chunk

    async def go():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://testserver") as http:
            return await http.post("/v1/bundles", content=body())

    answer = asyncio.run(go())
    assert answer.status_code == 413 and answer.json()["code"] == "too_large"
    assert sum(sent) < 1024 * 1024, f"the server read {sum(sent):,} bytes of a body over its 64 KiB cap"
    with client(centre, tmp_path / "spool2", max_bundle=1000) as http:  # an honest Content-Length: at once
        assert http.post("/v1/bundles", content=b"x" * 1001).status_code == 413


def test_errors_are_json_words(tmp_path):
    centre = make_centre(tmp_path)
    with client(centre, tmp_path / "spool") as http:
        for answer in (http.get("/nowhere"), http.delete("/v1/bundles"),
                       http.patch("/v1/uploads/" + "a" * 64, content=b"x"),
                       http.patch("/v1/uploads/short", content=b"x",
                                  headers={"Upload-Offset": "0", "Upload-Length": "1"})):
            assert answer.status_code in (400, 404, 405)
            body = answer.json()
            assert body["status"] == "error" and body["code"] and body["message"]
            assert "Traceback" not in answer.text


def test_the_same_bundle_over_http_and_from_a_file_gives_the_same_import(tmp_path):
    post = make_post(tmp_path)
    by_http, by_file = make_centre(tmp_path, "C"), make_centre(tmp_path / "other", "C")
    trust_both(post, by_http)
    trust_both(post, by_file)
    incident = record(post, narrative="one report")
    data = export(post, "C")
    with client(by_http, tmp_path / "spool") as http:
        assert http.post("/v1/bundles", content=data).json()["status"] == "imported"
    import_(by_file, data)
    assert content(by_http, incident) == content(by_file, incident)


def test_an_upload_that_goes_quiet_is_dropped_and_a_resumable_one_keeps_what_arrived(pair, tmp_path):
    post, centre = pair
    record(post, narrative="slow line " * 500)
    data = export(post, "C")
    bid, half = bundle_id(data), len(data) // 2
    app = make_app(centre.engine, centre.settings, spool=tmp_path / "spool", idle_s=0.3)

    async def stalls(first: bytes):
        yield first
        await asyncio.sleep(2)  # longer than idle_s: the server stops waiting
        yield b"never read"

    async def go():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://testserver") as http:
            whole = await http.post("/v1/bundles", content=stalls(data[:half]))
            part = await http.patch(f"/v1/uploads/{bid}", content=stalls(data[:half]),
                                    headers={"Upload-Offset": "0", "Upload-Length": str(len(data))})
            held = await http.head(f"/v1/uploads/{bid}")
            rest = await http.patch(f"/v1/uploads/{bid}", content=data[half:],
                                    headers={"Upload-Offset": str(half), "Upload-Length": str(len(data))})
            return whole, part, held, rest

    whole, part, held, rest = asyncio.run(go())
    assert whole.status_code == 408 and whole.json()["code"] == "timeout"
    assert part.status_code == 408 and part.headers["Upload-Offset"] == str(half)
    assert held.headers["Upload-Offset"] == str(half)
    assert rest.status_code == 200 and rest.json()["status"] == "imported", rest.text


def test_a_database_that_is_gone_is_503_in_words_not_a_traceback(tmp_path):
    post, centre = make_post(tmp_path), make_centre(tmp_path)
    trust_both(post, centre)
    record(post)
    data = export(post, "C")
    app = make_app(centre.engine, centre.settings, spool=tmp_path / "spool")
    centre.engine.dispose()
    for path in centre.folder.glob("C.sqlite*"):
        path.unlink()  # the centre's file removed under the running server: SQLite opens an empty one
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as http:
        answer = http.post("/v1/bundles", content=data)
        held = http.head(f"/v1/bundles/{bundle_id(data)}")
    assert answer.status_code == 503 and answer.headers["Retry-After"], answer.text
    assert answer.json()["code"] == "unavailable" and answer.json()["message"]
    assert "Traceback" not in answer.text and "sqlite" not in answer.text.lower()
    assert held.status_code == 503
