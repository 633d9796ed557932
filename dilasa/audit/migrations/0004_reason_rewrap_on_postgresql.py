"""On PostgreSQL, the append-only trigger lets exactly one change through: key rotation re-wrapping the data
key of a sealed break-glass reason. Every other column must stay the same, and so must the reason's own
ciphertext (the bytes after the key id, the wrap nonce and the wrapped key: dilasa.core.crypto's layout).
DELETE is still refused for every role.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.reason IS NOT NULL AND NEW.reason IS NOT NULL
       AND (to_jsonb(NEW) - 'reason') = (to_jsonb(OLD) - 'reason')
       AND substring(NEW.reason FROM 4 + get_byte(NEW.reason, 2) + 60)
           = substring(OLD.reason FROM 4 + get_byte(OLD.reason, 2) + 60)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are append-only (%% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""

BACKWARD = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (%% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_emergency_grant")]
    operations = [migrations.RunPython(forward, backward)]
