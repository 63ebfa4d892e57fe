"""`GET /v1/bundles/outgoing` in process: the bundle waiting for a post, only for a caller that proves with
X-Sitcentre-Auth that it is that post (docs/exchange.md, "Who is asking")."""

from __future__ import annotations

import time
import warnings

from sitcentre.server import auth
from sitcentre.server.app import make_app
from sitcentre.server.uploads import first_member
from tests.integration.exchange_world import export, identity, import_, make_centre, make_post, record, trust_both

with warnings.catch_warnings():  # Starlette 1.x would rather see httpx2 under its TestClient; httpx works
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

OUTGOING = "/v1/bundles/outgoing"


def client(world, tmp_path) -> TestClient:
    return TestClient(make_app(world.engine, world.settings, spool=tmp_path / "spool"), base_url="https://testserver")


def signed(world, origin: str | None = None, when: int | None = None) -> dict:
    return {auth.HEADER: auth.auth_header(origin or world.origin, identity(world).private_key, when)}


def test_a_signed_download_returns_the_bundle_for_the_post_and_it_imports_there(pair, tmp_path):
    post, centre = pair
    record(post, narrative="from the post")
    with client(centre, tmp_path) as http:
        pushed = http.post("/v1/bundles", content=export(post, "C"))
        assert pushed.json()["status"] == "imported"
        answer = http.get(OUTGOING, params={"origin": "KZ-KOR"}, headers=signed(post))
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "application/vnd.sitcentre.bundle"
        data = answer.content
        assert answer.headers["X-Bundle-Id"] == first_member(data).bundle_id
        manifest = first_member(data).manifest()
        assert manifest["to"]["origin"] == "KZ-KOR"
        assert any(ack["origin"] == "KZ-KOR" for ack in manifest["acks"]), "the post's entries are acknowledged"
        summary = import_(post, data)
        assert not summary.already and summary.errors == 0
    assert list((tmp_path / "spool" / "outbox").iterdir()) == [], "the exported file is not kept"


def test_nothing_new_for_a_post_is_204_after_the_first_answer(tmp_path):
    post, centre = make_post(tmp_path), make_centre(tmp_path)
    trust_both(post, centre)
    with client(centre, tmp_path) as http:
        first = http.get(OUTGOING, params={"origin": "KZ-KOR"}, headers=signed(post))
        assert first.status_code == 200, first.text
        assert first_member(first.content).manifest()["counts"] == {}
        second = http.get(OUTGOING, params={"origin": "KZ-KOR"}, headers=signed(post))
        assert second.status_code == 204 and second.content == b""
        record(post)
        assert http.post("/v1/bundles", content=export(post, "C")).json()["status"] == "imported"
        third = http.get(OUTGOING, params={"origin": "KZ-KOR"}, headers=signed(post))
        assert third.status_code == 200, "new acknowledgements are worth a bundle"


def test_a_download_without_a_proper_header_is_refused(tmp_path):
    post, centre = make_post(tmp_path), make_centre(tmp_path)
    stranger = make_post(tmp_path / "other", "KZ-KAR")  # a post the centre never trusted
    trust_both(post, centre)
    now = int(time.time())
    cases = {
        "no header": (401, {}),
        "malformed": (401, {auth.HEADER: "KZ-KOR;yesterday;c2ln"}),
        "short signature": (401, {auth.HEADER: "KZ-KOR;1;c2ln"}),
        "signed by another key": (403, {auth.HEADER: auth.auth_header("KZ-KOR", identity(stranger).private_key)}),
        "signed by the centre": (403, signed(centre, "KZ-KOR")),
        "too old": (403, signed(post, when=now - auth.WINDOW_S - 5)),
        "from the future": (403, signed(post, when=now + auth.WINDOW_S + 5)),
        "for another origin": (403, signed(post, "KZ-KOR")),
        "an untrusted origin": (403, signed(stranger)),
    }
    with client(centre, tmp_path) as http:
        for name, (status, headers) in cases.items():
            origin = "KZ-KAR" if name in ("for another origin", "an untrusted origin") else "KZ-KOR"
            answer = http.get(OUTGOING, params={"origin": origin}, headers=headers)
            assert answer.status_code == status, f"{name}: {answer.status_code} {answer.text}"
            assert answer.json()["code"] == "unauthorised" and answer.json()["message"], name
        assert http.get(OUTGOING, params={"origin": "KZ-KOR"}, headers=signed(post)).status_code == 200


def test_a_signed_download_for_an_origin_that_is_not_a_post_here_is_404(tmp_path):
    centre = make_centre(tmp_path)
    other_centre = make_centre(tmp_path / "other", "C2")
    trust_both(centre, other_centre)
    with client(centre, tmp_path) as http:
        answer = http.get(OUTGOING, params={"origin": "C2"}, headers=signed(other_centre))
        assert answer.status_code == 404 and answer.json()["code"] == "unknown_recipient"
