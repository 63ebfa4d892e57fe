"""The triggers and plpgsql functions a database at REVISION holds, per dialect (sitcentre.db.schema_check).

Tables, columns and indexes are expected from the ORM metadata; triggers and functions are not in it, so
they are listed here, generated from freshly migrated databases. After a migration that adds, drops or
changes a trigger or function, regenerate (a test fails until then):

    python -m sitcentre.db.expected_schema_write --write --pg postgresql://postgres@127.0.0.1:5432/postgres

--pg names a server where a scratch database may be created (and is dropped after); --print shows the
block instead of writing it. Values: trigger name -> (table, fingerprint); function signature ->
fingerprint (sitcentre.db.catalogue.fingerprint).
"""

from __future__ import annotations

BEGIN, END = "# BEGIN GENERATED", "# END GENERATED"

# BEGIN GENERATED
REVISION = "0010"
TRIGGERS: dict[str, dict[str, tuple[str, str]]] = {
    "postgresql": {
        "trg_alerts_log": ("alerts", "a21885e3788d956f"),
        "trg_audit_log_append_only": ("audit_log", "1d3f36e2537d6378"),
        "trg_audit_log_db_user": ("audit_log", "7b8496d720767ff3"),
        "trg_audit_log_no_truncate": ("audit_log", "66f78a644af2dcc4"),
        "trg_incidents_after": ("incidents", "e72df328e9894b08"),
        "trg_incidents_before": ("incidents", "bf9838bd5df14a57"),
        "trg_incidents_log": ("incidents", "a21885e3788d956f"),
        "trg_incidents_rev": ("incidents", "b28b4d4508e316b2"),
        "trg_incidents_rev_del": ("incidents", "e88598ca5131e021"),
        "trg_incidents_review_guard": ("incidents", "42c67403c72e19cf"),
        "trg_lines_after": ("seizure_lines", "23d374ab0b902d36"),
        "trg_lines_amount": ("seizure_lines", "efd281dade727e8d"),
        "trg_lines_before": ("seizure_lines", "48a70be87837ecbc"),
        "trg_lines_rev_after": ("seizure_lines", "24b4cf558bcf2807"),
        "trg_lines_rev_before": ("seizure_lines", "438753865cbb1ffd"),
        "trg_posts_log": ("posts", "a21885e3788d956f"),
        "trg_seizure_lines_log": ("seizure_lines", "a21885e3788d956f"),
        "trg_sheet_imports_log": ("sheet_imports", "a21885e3788d956f"),
    },
    "sqlite": {
        "trg_alerts_log_d": ("alerts", "4ab67fce730dfc5e"),
        "trg_alerts_log_i": ("alerts", "dfdf8aeb9f8a8c59"),
        "trg_alerts_log_u": ("alerts", "d75cd9d6564c53cc"),
        "trg_audit_log_no_del": ("audit_log", "37c5318ea328a6a8"),
        "trg_audit_log_no_upd": ("audit_log", "e6cb41a58fbf5600"),
        "trg_incidents_after_del": ("incidents", "36c1cac9b3db08c3"),
        "trg_incidents_after_ins": ("incidents", "89522b660cd4c264"),
        "trg_incidents_after_upd": ("incidents", "519448127bc95e3a"),
        "trg_incidents_last_report_upd": ("incidents", "e34fc2ccfacb7da8"),
        "trg_incidents_local_date_ins": ("incidents", "6685afb54fda7a20"),
        "trg_incidents_local_date_upd": ("incidents", "ed27ddc33971db9d"),
        "trg_incidents_log_d": ("incidents", "da247c8f7a7203c2"),
        "trg_incidents_log_i": ("incidents", "20652a3ab90a6497"),
        "trg_incidents_log_u": ("incidents", "035d111fe155323e"),
        "trg_incidents_rev_del": ("incidents", "20a0521668017106"),
        "trg_incidents_rev_upd": ("incidents", "65980f9e28e41b42"),
        "trg_lines_after_del": ("seizure_lines", "c0ade14b16ed5e1b"),
        "trg_lines_after_ins": ("seizure_lines", "2a16b3bf5f1faff3"),
        "trg_lines_amount_ins": ("seizure_lines", "05f0c045bdd1e159"),
        "trg_lines_amount_upd": ("seizure_lines", "5f6f87ec114e140c"),
        "trg_lines_fill": ("seizure_lines", "4645ce54a888961c"),
        "trg_lines_rev_del": ("seizure_lines", "844f0967ca350aa5"),
        "trg_lines_rev_ins": ("seizure_lines", "d682247fe2c9c1de"),
        "trg_lines_rev_upd": ("seizure_lines", "77757c7dc3429b25"),
        "trg_lines_rollup_upd": ("seizure_lines", "3f827fbdbd9a7151"),
        "trg_lines_totals_upd": ("seizure_lines", "1e41e38e6872ddd6"),
        "trg_posts_log_d": ("posts", "fffde38d9167d88c"),
        "trg_posts_log_i": ("posts", "639e69057a2ea530"),
        "trg_posts_log_u": ("posts", "ffad8afb255f092d"),
        "trg_seizure_lines_log_d": ("seizure_lines", "5046a58a583dad87"),
        "trg_seizure_lines_log_i": ("seizure_lines", "b9d528ec944368e3"),
        "trg_seizure_lines_log_u": ("seizure_lines", "56343ac2d890c97c"),
        "trg_sheet_imports_log_d": ("sheet_imports", "67cafabc73695215"),
        "trg_sheet_imports_log_i": ("sheet_imports", "ea4dfd0b06e9ef96"),
        "trg_sheet_imports_log_u": ("sheet_imports", "a95ea6ad3d29e51e"),
    },
}
FUNCTIONS: dict[str, dict[str, str]] = {
    "postgresql": {
        "sitcentre_admin_prefix()": "acacd7b564e39d95",
        "sitcentre_audit_append_only()": "bfc2852bce69e6f1",
        "sitcentre_audit_db_user()": "c682cfb72e3a0001",
        "sitcentre_check_login(text,text,boolean)": "b87c505828981988",
        "sitcentre_check_verifier(text)": "c4f50d3dfccbfe03",
        "sitcentre_create_login(text,text,text)": "061db419eb21f9e2",
        "sitcentre_end_sessions(text)": "3b4752178cd955b5",
        "sitcentre_group_role(text,text)": "e548e2cd4c93f7c1",
        "sitcentre_in_group(text)": "63c4083a537fd949",
        "sitcentre_incident_after()": "daa2db3814ac8f88",
        "sitcentre_incident_before()": "b09c75f9b5b8f01f",
        "sitcentre_incident_rev()": "c9e09d911c885c88",
        "sitcentre_incident_rev_del()": "ed9eb96e17b1d931",
        "sitcentre_incident_review_guard()": "168792a185fb4094",
        "sitcentre_line_after()": "3b97accdd0ba95cd",
        "sitcentre_line_amount()": "6c1fecb476131dd2",
        "sitcentre_line_before()": "fb194eb4da7744d5",
        "sitcentre_line_rev_after()": "42bae9822c132899",
        "sitcentre_line_rev_before()": "273f7dde4bfbf28e",
        "sitcentre_log_change()": "a265a0d60e2d5482",
        "sitcentre_may_edit_post(integer)": "d99c9b968ed144de",
        "sitcentre_refresh_incident_totals(uuid)": "42f74193a4e42761",
        "sitcentre_refresh_last_report(integer,timestamp with time zone)": "c4ddb2df0549717e",
        "sitcentre_secured_prefix()": "a7d057477ce61c8e",
        "sitcentre_set_login_enabled(text,boolean)": "7348da4468f192c3",
        "sitcentre_set_login_group(text,text)": "b349a3bc02721c2d",
        "sitcentre_set_login_password(text,text)": "33971a628cb6eaac",
        "sitcentre_set_own_password(text,text)": "8ca40c54a0147bb9",
    },
}
# END GENERATED
