"""The database itself refuses overlapping active appointments.

PostgreSQL: exclusion constraints over tstzrange (btree_gist for the equality part).
SQLite: BEFORE INSERT/UPDATE triggers that abort on an overlap. Every write
transaction on SQLite starts with BEGIN IMMEDIATE (settings), so the trigger's
check and the insert happen under the one write lock.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

PG_UP = [
    """ALTER TABLE scheduling_appointment ADD CONSTRAINT appointment_therapist_no_overlap
       EXCLUDE USING gist (therapist_id WITH =, tstzrange(starts_at, blocks_until, '[)') WITH &&)
       WHERE (status <> 'cancelled')""",
    """ALTER TABLE scheduling_appointment ADD CONSTRAINT appointment_client_no_overlap
       EXCLUDE USING gist (client_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
       WHERE (status <> 'cancelled')""",
]
PG_DOWN = [
    "ALTER TABLE scheduling_appointment DROP CONSTRAINT appointment_therapist_no_overlap",
    "ALTER TABLE scheduling_appointment DROP CONSTRAINT appointment_client_no_overlap",
]

_SQLITE_OVERLAP = """
    NEW.status <> 'cancelled' AND EXISTS (
      SELECT 1 FROM scheduling_appointment a
      WHERE a.status <> 'cancelled' AND a.id IS NOT NEW.id AND (
        (a.therapist_id = NEW.therapist_id AND a.starts_at < NEW.blocks_until AND NEW.starts_at < a.blocks_until)
        OR (a.client_id = NEW.client_id AND a.starts_at < NEW.ends_at AND NEW.starts_at < a.ends_at)
      )
    )"""
SQLITE_UP = [
    f"""CREATE TRIGGER appointment_no_overlap_insert BEFORE INSERT ON scheduling_appointment
        WHEN {_SQLITE_OVERLAP}
        BEGIN SELECT RAISE(ABORT, 'appointment overlaps an active appointment'); END""",
    f"""CREATE TRIGGER appointment_no_overlap_update
        BEFORE UPDATE OF status, starts_at, ends_at, blocks_until, therapist_id, client_id ON scheduling_appointment
        WHEN {_SQLITE_OVERLAP}
        BEGIN SELECT RAISE(ABORT, 'appointment overlaps an active appointment'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS appointment_no_overlap_insert",
    "DROP TRIGGER IF EXISTS appointment_no_overlap_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(
            _run({"postgresql": PG_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": PG_DOWN, "sqlite": SQLITE_DOWN}),
        ),
    ]
